import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readDockerfile, resolvedStage, type DockerStage } from './dockerfile';
import { dictAt, isDict, listAt, textAt, textEntries, type Dict } from './guards';
import { appOfStage, type AppInstance, type HttpProbe } from './instances';

/** A set of Kubernetes objects (a kustomization's output) and the app instances they run. */
export interface K8sModel {
  readonly name: string;
  readonly docs: readonly Dict[];
  readonly instances: readonly AppInstance[];
  /** Secrets referenced (by env or volume) but not part of the set nor issued by a Certificate in it: created outside git. */
  readonly externalSecrets: readonly string[];
}

/** Parses a multi-document YAML text; any syntax error throws with its position. */
export function parseYamlDocs(text: string, source: string): Dict[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    return isDict(value) ? [value] : [];
  });
}

/** The files a kustomization lists under `resources` (the base: plain files only). */
export function kustomizationResources(dir: string): string[] {
  const [k] = parseYamlDocs(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'), dir);
  return listAt(k, 'resources').map((r) => path.join(dir, String(r)));
}

/** Reads the base by parsing each file its kustomization lists (no kustomize needed). */
export function readBaseDocs(dir: string): Dict[] {
  return kustomizationResources(dir).flatMap((file) => parseYamlDocs(readFileSync(file, 'utf8'), file));
}

/** True when `kubectl` runs here (its built-in kustomize renders overlays offline). */
export function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Renders a kustomization with `kubectl kustomize`. */
export function renderKustomize(dir: string): Dict[] {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
  return parseYamlDocs(text, `kubectl kustomize ${dir}`);
}

/** The object of `kind` named `name`, if present. */
export function findDoc(docs: readonly Dict[], kind: string, name: string): Dict | undefined {
  return docs.find((d) => d.kind === kind && textAt(d.metadata, 'name') === name);
}

/** Deployments and StatefulSets. */
export function workloads(docs: readonly Dict[]): Dict[] {
  return docs.filter((d) => d.kind === 'Deployment' || d.kind === 'StatefulSet');
}

/** The Dockerfile target an image of ours is built from (`.../fleet-control/<target>:<tag>`). */
export function imageTarget(image: string): string | undefined {
  return /(?:^|\/)fleet-control\/([a-z0-9-]+)(?::[^/]*)?$/.exec(image)?.[1];
}

/** Data of a ConfigMap (`data`) or Secret (`stringData`, else base64 `data`). */
function objectData(doc: Dict | undefined): Record<string, string> {
  if (!doc) return {};
  if (doc.kind === 'Secret') {
    const decoded = Object.fromEntries(Object.entries(textEntries(doc.data)).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    return { ...decoded, ...textEntries(doc.stringData) };
  }
  return textEntries(doc.data);
}

/** The Secrets a pod template's volumes mount (`secret` volumes and `projected` secret sources). */
export function volumeSecrets(podSpec: Dict): string[] {
  return listAt(podSpec, 'volumes').flatMap((volume) => {
    const direct = textAt(dictAt(volume, 'secret'), 'secretName');
    const projected = listAt(dictAt(volume, 'projected'), 'sources').map((source) => textAt(dictAt(source, 'secret'), 'name'));
    return [direct, ...projected].filter((name): name is string => name !== undefined);
  });
}

/**
 * What the downward API gives a pod, for the fields our manifests use: the checks load each app's
 * config with a value of the same shape as the kubelet's (a Deployment's pod name is
 * `<deployment>-<replicaset hash>-<suffix>`).
 */
function downwardValue(workloadName: string, fieldPath: string | undefined): string | undefined {
  if (fieldPath === 'metadata.name') return `${workloadName}-5d8f7c9b6d-x2k9q`;
  if (fieldPath === 'metadata.namespace') return 'default';
  return undefined;
}

/**
 * Builds the app instances of a set of objects: each container of ours with its image's ENV,
 * envFrom ConfigMaps and Secrets, env entries (values, key references and pod fields), ports and HTTP probes
 * (named ports resolved), and the Prometheus scrape annotations as one more probe.
 * `fallback` holds objects consulted for Secrets the set leaves out (then reported as external).
 */
export function buildK8sModel(name: string, docs: readonly Dict[], dockerfile: string, fallback: readonly Dict[] = []): K8sModel {
  const stages: DockerStage[] = readDockerfile(dockerfile);
  const external = new Set<string>();
  // cert-manager writes a Certificate's Secret in the cluster: part of the set, though not a document.
  const issued = new Set(docs.filter((d) => d.kind === 'Certificate').map((d) => textAt(dictAt(d, 'spec'), 'secretName')));
  const lookup = (kind: string, objName: string): Record<string, string> => {
    const found = findDoc(docs, kind, objName);
    if (!found && kind === 'Secret' && !issued.has(objName)) external.add(objName);
    return objectData(found ?? findDoc(fallback, kind, objName));
  };
  const instances: AppInstance[] = [];
  for (const workload of workloads(docs)) {
    const template = dictAt(dictAt(workload, 'spec'), 'template');
    for (const secret of volumeSecrets(dictAt(template, 'spec'))) lookup('Secret', secret);
    const annotations = textEntries(dictAt(template, 'metadata').annotations);
    for (const container of listAt(dictAt(template, 'spec'), 'containers')) {
      const target = imageTarget(textAt(container, 'image') ?? '');
      const app = target === undefined ? undefined : appOfStage(stages, target);
      if (!target || !app) continue;
      const declared: Record<string, string> = { ...(stages.find((s) => s.name === target)?.env ?? {}) };
      for (const from of listAt(container, 'envFrom')) {
        const cm = textAt(dictAt(from, 'configMapRef'), 'name');
        const secret = textAt(dictAt(from, 'secretRef'), 'name');
        if (cm) Object.assign(declared, lookup('ConfigMap', cm));
        if (secret) Object.assign(declared, lookup('Secret', secret));
      }
      for (const entry of listAt(container, 'env')) {
        const key = textAt(entry, 'name');
        if (!key) continue;
        const valueFrom = dictAt(entry, 'valueFrom');
        const cmRef = dictAt(valueFrom, 'configMapKeyRef');
        const secretRef = dictAt(valueFrom, 'secretKeyRef');
        const value =
          textAt(entry, 'value') ??
          downwardValue(textAt(workload.metadata, 'name') ?? '', textAt(dictAt(valueFrom, 'fieldRef'), 'fieldPath')) ??
          (textAt(cmRef, 'name') ? lookup('ConfigMap', textAt(cmRef, 'name') ?? '')[textAt(cmRef, 'key') ?? ''] : undefined) ??
          (textAt(secretRef, 'name') ? lookup('Secret', textAt(secretRef, 'name') ?? '')[textAt(secretRef, 'key') ?? ''] : undefined);
        declared[key] = value ?? '';
      }
      const named = new Map<string, number>();
      const ports: number[] = [];
      for (const p of listAt(container, 'ports')) {
        const port = Number(textAt(p, 'containerPort'));
        ports.push(port);
        const portName = textAt(p, 'name');
        if (portName) named.set(portName, port);
      }
      const resolvePort = (value: string | undefined): number => (value === undefined ? NaN : (named.get(value) ?? Number(value)));
      const probes: HttpProbe[] = [];
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const get = dictAt(dictAt(container, kind), 'httpGet');
        const probePath = textAt(get, 'path');
        if (probePath) probes.push({ kind, path: probePath, port: resolvePort(textAt(get, 'port')) });
      }
      if (annotations['prometheus.io/scrape'] === 'true') {
        probes.push({ kind: 'prometheus scrape', path: annotations['prometheus.io/path'] ?? '/metrics', port: resolvePort(annotations['prometheus.io/port']) });
      }
      instances.push({
        where: `k8s ${name} ${String(workload.kind)}/${textAt(workload.metadata, 'name') ?? '?'} container ${textAt(container, 'name') ?? '?'}`,
        app,
        argv: listAt(container, 'args').map(String),
        env: { ...resolvedStage(stages, target)?.env, ...declared },
        declaredEnv: Object.keys(declared),
        ports,
        probes,
      });
    }
  }
  return { name, docs, instances, externalSecrets: [...external] };
}
