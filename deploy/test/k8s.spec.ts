import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { startTestBroker, type TestBroker } from '@fleet/test-support';
import { dictAt, isDict, listAt, textAt, textEntries, type Dict } from '../src/guards';
import { AUTHORIZATION_SECRET, deploymentIdentities, IDENTITY_OF_APP, SEED_KEY, seedSecretName, writeDeploymentKeys } from '../src/broker-keys';
import { checkInstance } from '../src/instances';
import { findDoc, imageTarget, kubectlAvailable, kustomizationResources, renderKustomize, volumeSecrets, workloads } from '../src/k8s';
import { AUTHORIZATION_CONF_NAME, BROKER_CONF_NAME, BROKER_TLS_CONF_NAME, BROKER_TLS_MOUNT_DIR, PARTITIONS_CONF_NAME } from '../src/nats-config';
import { BROKER_CONF, BROKER_TLS_CONF, K8S_BASE, PARTITIONS_CONF } from '../src/paths';
import { k8sModels } from './support/models';
import { mappingPartitionCount, readMappings } from './support/nats-conf';
import { servedDevices } from './support/sim-devices';

const models = k8sModels();

/** Resource figures from the benchmark (issue 9): agent ~20 MB USS; controller 40k status/s at 64% of a core. */
const FIGURES: Record<string, { requests: Record<string, string>; limits: Record<string, string> }> = {
  agent: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } },
  controller: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  gateway: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  sim: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
};

const podSpec = (w: Dict): Dict => dictAt(dictAt(dictAt(w, 'spec'), 'template'), 'spec');
const containersOf = (w: Dict): Dict[] => listAt(podSpec(w), 'containers').filter(isDict);
const labelsOf = (w: Dict): Record<string, string> => textEntries(dictAt(dictAt(dictAt(w, 'spec'), 'template'), 'metadata').labels);
const nameOf = (d: Dict): string => textAt(d.metadata, 'name') ?? '';

/** The volume a container path is mounted from, and the path inside that volume. */
function mountOf(workload: Dict, container: Dict, file: string): { volume: Dict; inside: string } | undefined {
  const mount = listAt(container, 'volumeMounts').find((m) => file.startsWith(`${textAt(m, 'mountPath')}/`));
  const volume = listAt(podSpec(workload), 'volumes').find((v) => textAt(v, 'name') === textAt(mount, 'name'));
  return isDict(volume) ? { volume, inside: file.slice((textAt(mount, 'mountPath') ?? '').length + 1) } : undefined;
}

/** The secret a volume holds (a `secret` volume), with the keys it projects (all when unlisted). */
function secretVolume(volume: Dict): { name: string | undefined; items: string[] } {
  const secret = dictAt(volume, 'secret');
  return { name: textAt(secret, 'secretName'), items: listAt(secret, 'items').map((i) => textAt(i, 'key') ?? '') };
}

/** Whether a label selector (`matchLabels` only) picks a workload's pods. */
function matches(selector: unknown, workload: Dict): boolean {
  const wanted = textEntries(dictAt(selector, 'matchLabels'));
  const labels = labelsOf(workload);
  return Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

/** The workload whose pods a Service's selector picks. */
function selected(docs: readonly Dict[], service: Dict): Dict | undefined {
  const selector = textEntries(dictAt(dictAt(service, 'spec'), 'selector'));
  return workloads(docs).find((w) => {
    const labels = labelsOf(w);
    return Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
  });
}

/** The container port a Service port sends to (a named targetPort resolved). */
function targetContainerPort(workload: Dict, servicePort: Dict): number | undefined {
  const target = textAt(servicePort, 'targetPort') ?? textAt(servicePort, 'port');
  for (const c of containersOf(workload)) {
    for (const p of listAt(c, 'ports')) {
      if (textAt(p, 'name') === target || textAt(p, 'containerPort') === target) return Number(textAt(p, 'containerPort'));
    }
  }
  return undefined;
}

describe.each(models.map((m) => [m.name, m] as const))('k8s %s', (_name, model) => {
  const reports = model.instances.map((i) => checkInstance(i));
  const reportOf = (app: string) => reports.find((r) => r.instance.app === app);

  it('objects - every document has apiVersion, kind and a name', () => {
    for (const doc of model.docs) expect([typeof doc.apiVersion, typeof doc.kind, nameOf(doc) !== '']).toEqual(['string', 'string', true]);
  });

  it('apps - every variable is read by its app, every config loads, probes hit the HTTP port', () => {
    expect(reports.map((r) => r.instance.app).sort()).toEqual(['agent', 'controller', 'gateway', 'sim']);
    expect(reports.flatMap((r) => r.problems)).toEqual([]);
  });

  it('apps - the image entry point starts the app: no command override', () => {
    for (const w of workloads(model.docs)) for (const c of containersOf(w)) expect(c.command).toBeUndefined();
  });

  it('apps - reach the broker through the nats Service on its client port', () => {
    const nats = findDoc(model.docs, 'Service', 'nats');
    const natsSet = nats ? selected(model.docs, nats) : undefined;
    expect(natsSet?.kind).toBe('StatefulSet');
    for (const r of reports) {
      const url = new URL([r.config?.natsUrl].flat().map(String)[0] ?? '');
      expect(url.hostname).toBe('nats');
      const port = listAt(dictAt(nats, 'spec'), 'ports').find((p) => textAt(p, 'port') === url.port);
      expect(port && natsSet ? targetContainerPort(natsSet, dictAt({ p: port }, 'p')) : undefined).toBe(4222);
    }
  });

  it('nats - JetStream stores on the volume claim of its StatefulSet', () => {
    const nats = workloads(model.docs).find((w) => w.kind === 'StatefulSet' && nameOf(w) === 'nats');
    const container = nats ? containersOf(nats)[0] : undefined;
    expect(textAt(container, 'image')).toMatch(/^nats:/);
    const args = listAt(container, 'args').map(String);
    expect(args).toContain('--jetstream');
    const storeDir = args[args.indexOf('--store_dir') + 1];
    const claim = textAt(dictAt(listAt(dictAt(nats, 'spec'), 'volumeClaimTemplates')[0], 'metadata'), 'name');
    expect(listAt(container, 'volumeMounts')).toContainEqual({ name: claim, mountPath: storeDir });
  });

  it('services - select a workload and target a port its container declares', () => {
    for (const service of model.docs.filter((d) => d.kind === 'Service')) {
      const workload = selected(model.docs, service);
      expect({ service: nameOf(service), selects: workload !== undefined }).toEqual({ service: nameOf(service), selects: true });
      for (const port of listAt(dictAt(service, 'spec'), 'ports').filter(isDict)) {
        expect({ service: nameOf(service), port: textAt(port, 'port'), target: workload ? targetContainerPort(workload, port) : undefined }).toEqual(
          expect.objectContaining({ target: expect.any(Number) }),
        );
      }
    }
  });

  it('gateway - Ingress routes to the gateway Service, with WebSocket timeouts and sticky sessions', () => {
    const ingress = model.docs.find((d) => d.kind === 'Ingress');
    const annotations = textEntries(dictAt(ingress, 'metadata').annotations);
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    const paths = listAt(dictAt(listAt(dictAt(ingress, 'spec'), 'rules')[0], 'http'), 'paths');
    const service = dictAt(dictAt(paths[0], 'backend'), 'service');
    const target = findDoc(model.docs, 'Service', textAt(service, 'name') ?? '');
    const port = listAt(dictAt(target, 'spec'), 'ports').find((p) => textAt(p, 'name') === textAt(dictAt(service, 'port'), 'name'));
    const workload = target ? selected(model.docs, target) : undefined;
    expect(workload && isDict(port) ? targetContainerPort(workload, port) : undefined).toBe(reportOf('gateway')?.httpPort);
  });

  it('resources - requests and limits are the benchmark figures', () => {
    for (const w of workloads(model.docs)) {
      for (const c of containersOf(w)) {
        const target = imageTarget(textAt(c, 'image') ?? '');
        if (!target) continue;
        const resources = dictAt(c, 'resources');
        expect({ target, requests: textEntries(resources.requests), limits: textEntries(resources.limits) }).toEqual({ target, ...FIGURES[target] });
      }
    }
  });

  it('pods - run as non-root without privilege escalation', () => {
    for (const w of workloads(model.docs)) {
      expect({ workload: nameOf(w), runAsNonRoot: dictAt(podSpec(w), 'securityContext').runAsNonRoot }).toEqual({ workload: nameOf(w), runAsNonRoot: true });
      for (const c of containersOf(w).filter((c) => imageTarget(textAt(c, 'image') ?? ''))) {
        expect(dictAt(c, 'securityContext').allowPrivilegeEscalation).toBe(false);
      }
    }
  });

  it('nats - loads the shipped broker config, the mapping and the users of Secret fleet-nats-authorization side by side', () => {
    const nats = workloads(model.docs).find((w) => w.kind === 'StatefulSet' && nameOf(w) === 'nats') ?? {};
    const container = containersOf(nats)[0] ?? {};
    const args = listAt(container, 'args').map(String);
    const configFile = args[args.indexOf('--config') + 1] ?? '';
    const tls = model.name === 'production';
    expect(path.posix.basename(configFile)).toBe(tls ? BROKER_TLS_CONF_NAME : BROKER_CONF_NAME);
    const folder = mountOf(nats, container, configFile)?.volume;
    const sources = listAt(dictAt(folder, 'projected'), 'sources');
    const configMap = findDoc(model.docs, 'ConfigMap', textAt(dictAt(sources.find((src) => isDict(src) && 'configMap' in src), 'configMap'), 'name') ?? '');
    const data = textEntries(dictAt(configMap, 'data'));
    expect({ [BROKER_CONF_NAME]: data[BROKER_CONF_NAME], [BROKER_TLS_CONF_NAME]: data[BROKER_TLS_CONF_NAME], [PARTITIONS_CONF_NAME]: data[PARTITIONS_CONF_NAME] }).toEqual({
      [BROKER_CONF_NAME]: readFileSync(BROKER_CONF, 'utf8'),
      [BROKER_TLS_CONF_NAME]: readFileSync(BROKER_TLS_CONF, 'utf8'),
      [PARTITIONS_CONF_NAME]: readFileSync(PARTITIONS_CONF, 'utf8'),
    });
    const users = dictAt(sources.find((src) => isDict(src) && 'secret' in src), 'secret');
    expect({ name: textAt(users, 'name'), items: listAt(users, 'items') }).toEqual({ name: AUTHORIZATION_SECRET, items: [{ key: AUTHORIZATION_CONF_NAME, path: AUTHORIZATION_CONF_NAME }] });
  });

  it('apps - each mounts only its own identity\'s key Secret and reads the seed through FLEET_NATS_NKEY_FILE', () => {
    for (const r of reports) {
      const w = workloads(model.docs).find((x) => containersOf(x).some((c) => imageTarget(textAt(c, 'image') ?? '') === r.instance.app)) ?? {};
      const container = containersOf(w).find((c) => imageTarget(textAt(c, 'image') ?? '') === r.instance.app) ?? {};
      const file = r.instance.env.FLEET_NATS_NKEY_FILE ?? '';
      const mount = mountOf(w, container, file);
      const expected = seedSecretName(IDENTITY_OF_APP[r.instance.app]);
      expect({ app: r.instance.app, secret: mount ? secretVolume(mount.volume).name : undefined, key: mount?.inside }).toEqual({ app: r.instance.app, secret: expected, key: SEED_KEY });
      expect({ app: r.instance.app, seeds: volumeSecrets(podSpec(w)).filter((n) => n.startsWith('fleet-nats-') && n !== AUTHORIZATION_SECRET) }).toEqual({ app: r.instance.app, seeds: [expected] });
    }
  });

  it('network - a NetworkPolicy admits only the fleet\'s app pods, on the client port, to the broker', () => {
    const nats = workloads(model.docs).find((w) => w.kind === 'StatefulSet' && nameOf(w) === 'nats') ?? {};
    const policies = model.docs.filter((d) => d.kind === 'NetworkPolicy' && matches(dictAt(d, 'spec').podSelector, nats));
    expect(policies.map(nameOf)).toEqual(['nats-clients']);
    const spec = dictAt(policies[0], 'spec');
    expect(listAt(spec, 'policyTypes')).toEqual(['Ingress']);
    const rules = listAt(spec, 'ingress');
    expect(rules.length).toBe(1);
    const from = listAt(rules[0], 'from');
    // Only pod selectors in the namespace: no namespaceSelector, no ipBlock, no empty `from` (= anyone).
    expect(from.length).toBeGreaterThan(0);
    for (const peer of from) expect(Object.keys(isDict(peer) ? peer : {})).toEqual(['podSelector']);
    const admitted = workloads(model.docs).filter((w) => from.some((peer) => matches(dictAt(peer, 'podSelector'), w)));
    expect(admitted.map(nameOf).sort()).toEqual(['fleet-agent', 'fleet-controller', 'fleet-gateway', 'fleet-sim']);
    const clientPort = listAt(containersOf(nats)[0], 'ports').find((p) => textAt(p, 'name') === 'client');
    expect(listAt(rules[0], 'ports')).toEqual([{ protocol: 'TCP', port: Number(textAt(clientPort, 'containerPort')) }]);
  });

  it('tls - production only: the broker serves the cert-manager certificate, every app verifies it with the CA', () => {
    const tls = model.name === 'production';
    const nats = workloads(model.docs).find((w) => w.kind === 'StatefulSet' && nameOf(w) === 'nats') ?? {};
    const container = containersOf(nats)[0] ?? {};
    const certMount = mountOf(nats, container, `${BROKER_TLS_MOUNT_DIR}/tls.crt`);
    const certificate = model.docs.find((d) => d.kind === 'Certificate' && textAt(dictAt(d, 'spec'), 'secretName') === 'nats-tls');
    expect({ broker: certMount ? secretVolume(certMount.volume) : undefined, certificate: certificate !== undefined }).toEqual(
      tls ? { broker: { name: 'nats-tls', items: ['tls.crt', 'tls.key'] }, certificate: true } : { broker: undefined, certificate: false },
    );
    for (const r of reports) {
      const host = new URL([r.config?.natsUrl].flat().map(String)[0] ?? '').hostname;
      if (tls) expect(listAt(dictAt(certificate, 'spec'), 'dnsNames')).toContain(host);
      const w = workloads(model.docs).find((x) => containersOf(x).some((c) => imageTarget(textAt(c, 'image') ?? '') === r.instance.app)) ?? {};
      const c = containersOf(w).find((x) => imageTarget(textAt(x, 'image') ?? '') === r.instance.app) ?? {};
      const ca = r.instance.env.FLEET_NATS_TLS_CA_FILE;
      const caMount = ca === undefined ? undefined : mountOf(w, c, ca);
      expect({ app: r.instance.app, ca: caMount ? { ...secretVolume(caMount.volume), inside: caMount.inside } : ca }).toEqual({
        app: r.instance.app,
        ca: tls ? { name: 'nats-tls', items: ['ca.crt'], inside: 'ca.crt' } : undefined,
      });
    }
  });

  it('controller - two replicas named by their pods, partitions equal to the broker mapping', () => {
    const controller = workloads(model.docs).find((w) => containersOf(w).some((c) => imageTarget(textAt(c, 'image') ?? '') === 'controller'));
    expect(textAt(dictAt(controller, 'spec'), 'replicas')).toBe('2');
    // Partition leases hand a leaving pod's share to the others, so rolling one pod at a time is safe.
    expect(textAt(dictAt(dictAt(controller, 'spec'), 'strategy'), 'type')).toBe('RollingUpdate');
    const container = containersOf(controller ?? {}).find((c) => textAt(c, 'name') === 'controller');
    const replicaId = listAt(container, 'env').find((e) => textAt(e, 'name') === 'FLEET_REPLICA_ID');
    expect(textAt(dictAt(dictAt(replicaId, 'valueFrom'), 'fieldRef'), 'fieldPath')).toBe('metadata.name');
    const config = reportOf('controller')?.config;
    expect({ partitions: config?.partitions, leaseMs: typeof config?.leaseMs }).toEqual({ partitions: DEFAULT_PARTITIONS, leaseMs: 'number' });
    expect(mappingPartitionCount(readMappings(readFileSync(PARTITIONS_CONF, 'utf8')))).toBe(config?.partitions);
    expect(reportOf('controller')?.instance.declaredEnv).toEqual(expect.arrayContaining(['FLEET_PARTITIONS', 'FLEET_LEASE_MS', 'FLEET_REPLICA_ID']));
  });

  it('secrets - the NATS keys are made outside git (npm run deploy:keys); production leaves the tokens to the cluster too', () => {
    const keys = [AUTHORIZATION_SECRET, ...Object.values(IDENTITY_OF_APP).map(seedSecretName)];
    expect([...model.externalSecrets].sort()).toEqual([...keys, ...(model.name === 'production' ? ['fleet-tokens'] : [])].sort());
  });

  describe('with a broker', () => {
    let broker: TestBroker;
    beforeAll(async () => {
      broker = await startTestBroker();
    });
    afterAll(async () => {
      await broker.stop();
    });

    it('agents - one replica per pool device, each served by the simulator Service at that port', async () => {
      const agent = reportOf('agent');
      const sim = reportOf('sim');
      const pool = agent?.config?.pool;
      const entries = (Array.isArray(pool) ? pool : []).filter(isDict);
      const served = await servedDevices(sim?.instance.env ?? {}, broker.appArgs('sim'));
      const agentSet = workloads(model.docs).find((w) => containersOf(w).some((c) => imageTarget(textAt(c, 'image') ?? '') === 'agent'));
      expect(agentSet?.kind).toBe('Deployment');
      expect(Number(textAt(dictAt(agentSet, 'spec'), 'replicas'))).toBe(entries.length);
      expect(entries.length).toBe(served.length);
      for (const entry of entries) {
        const service = findDoc(model.docs, 'Service', String(entry.deviceHost));
        const port = listAt(dictAt(service, 'spec'), 'ports').find((p) => textAt(p, 'port') === String(entry.devicePort));
        const workload = service ? selected(model.docs, service) : undefined;
        const containerPort = workload && isDict(port) ? targetContainerPort(workload, port) : undefined;
        expect(served).toContainEqual({ deviceId: entry.deviceId, kind: entry.kind, port: containerPort });
      }
    });
  });
});

describe('k8s kustomize', () => {
  it('base - its kustomization lists every manifest in base/', () => {
    const listed = kustomizationResources(K8S_BASE).map((f) => path.basename(f)).sort();
    const files = readdirSync(K8S_BASE).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
    expect(listed).toEqual(files);
  });

  it('keys - the folder npm run deploy:keys writes renders every key Secret the manifests mount, and no more', () => {
    if (!kubectlAvailable()) {
      console.warn('keys kustomization not rendered: kubectl is not installed');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-k8s-keys-'));
    try {
      writeDeploymentKeys(dir);
      const secrets = renderKustomize(dir);
      expect(secrets.map((d) => `${String(d.kind)}/${nameOf(d)}`).sort()).toEqual(
        [AUTHORIZATION_SECRET, ...deploymentIdentities().map((i) => seedSecretName(i.name))].map((n) => `Secret/${n}`).sort(),
      );
      for (const m of models) {
        const missing = m.externalSecrets.filter((name) => name !== 'fleet-tokens' && !secrets.some((d) => nameOf(d) === name));
        expect({ set: m.name, missing }).toEqual({ set: m.name, missing: [] });
      }
      expect(Object.keys(dictAt(findDoc(secrets, 'Secret', AUTHORIZATION_SECRET), 'data'))).toEqual([AUTHORIZATION_CONF_NAME]);
      for (const doc of secrets.filter((d) => nameOf(d) !== AUTHORIZATION_SECRET)) expect(Object.keys(dictAt(doc, 'data'))).toEqual([SEED_KEY]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('client - kubectl apply --dry-run=client accepts every overlay', () => {
    let context: string;
    try {
      context = execFileSync('kubectl', ['config', 'current-context'], { encoding: 'utf8', stdio: 'pipe', timeout: 10_000 }).trim();
    } catch (err) {
      // Client-side dry-run still asks the API server for its resource types.
      console.warn(`kubectl apply --dry-run=client skipped: no cluster configured (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
      return;
    }
    for (const dir of ['dev', 'production']) {
      execFileSync('kubectl', ['--context', context, 'apply', '--dry-run=client', '-k', path.join(K8S_BASE, '..', 'overlays', dir)], { stdio: 'pipe', timeout: 60_000 });
    }
  });
});
