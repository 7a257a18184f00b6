import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { startTestBroker, type TestBroker } from '@fleet/test-support';
import { dictAt, isDict, listAt, textAt, textEntries, type Dict } from '../src/guards';
import { checkInstance } from '../src/instances';
import { findDoc, imageTarget, kustomizationResources, workloads } from '../src/k8s';
import { K8S_BASE, PARTITIONS_CONF } from '../src/paths';
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

  it('nats - loads the partition mapping file from the nats-config ConfigMap, as shipped', () => {
    const nats = workloads(model.docs).find((w) => w.kind === 'StatefulSet' && nameOf(w) === 'nats');
    const container = nats ? containersOf(nats)[0] : undefined;
    const args = listAt(container, 'args').map(String);
    const configFile = args[args.indexOf('--config') + 1] ?? '';
    const mount = listAt(container, 'volumeMounts').find((m) => configFile.startsWith(`${textAt(m, 'mountPath')}/`));
    const volume = listAt(podSpec(nats ?? {}), 'volumes').find((v) => textAt(v, 'name') === textAt(mount, 'name'));
    const configMap = findDoc(model.docs, 'ConfigMap', textAt(dictAt(volume, 'configMap'), 'name') ?? '');
    expect(textAt(dictAt(configMap, 'data'), path.posix.basename(configFile))).toBe(readFileSync(PARTITIONS_CONF, 'utf8'));
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

  it('secrets - tokens come from a Secret; only production leaves it to the cluster', () => {
    expect(model.externalSecrets).toEqual(model.name === 'production' ? ['fleet-tokens'] : []);
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
      const served = await servedDevices(sim?.instance.env ?? {}, broker.url);
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
