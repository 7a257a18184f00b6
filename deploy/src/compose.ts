import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { readDockerfile, resolvedStage, type DockerStage } from './dockerfile';
import { dictAt, isDict, listAt, textAt, textEntries, type Dict } from './guards';
import { appOfStage, probeFromUrl, type AppInstance, type HttpProbe } from './instances';

/** The compose file as read: its services, and each of our apps' services as an instance. */
export interface ComposeModel {
  readonly file: string;
  readonly services: Readonly<Record<string, Dict>>;
  readonly top: Dict;
  readonly instances: ReadonlyMap<string, AppInstance>;
}

/**
 * Applies compose variable interpolation as a fresh checkout sees it (no `.env`, no shell
 * variables): `${X:-default}` and `${X-default}` give the default, `${X}` gives '', `$$` is `$`.
 */
export function interpolate(text: string, vars: Readonly<Record<string, string>> = {}): string {
  return text.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (whole, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (whole === '$$') return '$';
    const value = name === undefined ? undefined : vars[name];
    if (op?.endsWith('-')) return value === undefined || (op === ':-' && value === '') ? (arg ?? '') : value;
    if (op?.endsWith('?') && (value === undefined || value === '')) throw new Error(`compose needs ${name}: ${arg ?? ''}`);
    return value ?? '';
  });
}

/** `"8080:8080"`, `"127.0.0.1:80:8080/tcp"`, `{target: 8080}`: the container side. */
function containerPorts(entry: unknown): number[] {
  if (isDict(entry)) return [Number(textAt(entry, 'target'))];
  const text = String(entry).split('/')[0] ?? '';
  const inner = text.split(':').pop() ?? '';
  const [from, to] = inner.split('-').map(Number);
  if (from === undefined || Number.isNaN(from)) return [];
  const last = to ?? from;
  return Array.from({ length: last - from + 1 }, (_, i) => from + i);
}

/** An exec-form health-check test (`["CMD", ...]`) as the URL probe it runs, if it is one. */
function probeOfTest(kind: string, command: readonly string[]): HttpProbe | undefined {
  const url = command.find((part) => /^https?:\/\//.test(part));
  return url ? probeFromUrl(kind, url) : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/** Reads docker-compose.yml and the Dockerfile it builds from, and derives the app instances. */
export function readCompose(file: string, dockerfile: string): ComposeModel {
  const top: unknown = parse(interpolate(readFileSync(file, 'utf8')));
  if (!isDict(top)) throw new Error(`${file}: not a mapping`);
  const stages: DockerStage[] = readDockerfile(dockerfile);
  const services: Record<string, Dict> = {};
  const instances = new Map<string, AppInstance>();
  const secretFiles = dictAt(top, 'secrets');
  for (const [name, raw] of Object.entries(dictAt(top, 'services'))) {
    const service = isDict(raw) ? raw : {};
    services[name] = service;
    const target = textAt(dictAt(service, 'build'), 'target');
    const app = target === undefined ? undefined : appOfStage(stages, target);
    if (!target || !app) continue;
    const stage = resolvedStage(stages, target);
    const ownStageEnv = stages.find((s) => s.name === target)?.env ?? {};
    const environment = textEntries(dictAt(service, 'environment'));
    // A secret's in-container path stands for its file on the host, which the app reads here.
    const env: Record<string, string> = { ...stage?.env, ...environment };
    for (const secret of listAt(service, 'secrets').map(String)) {
      const hostFile = textAt(dictAt(secretFiles, secret), 'file');
      for (const [key, value] of Object.entries(env)) {
        if (value === `/run/secrets/${secret}` && hostFile) env[key] = path.resolve(path.dirname(file), hostFile);
      }
    }
    const healthTest = listAt(dictAt(service, 'healthcheck'), 'test').map(String);
    const probe = healthTest.length > 0 ? probeOfTest('healthcheck', healthTest) : probeOfTest('image HEALTHCHECK', stage?.healthcheck ?? []);
    instances.set(name, {
      where: `compose service ${name}`,
      app,
      argv: stringList(service.command),
      env,
      declaredEnv: [...Object.keys(ownStageEnv), ...Object.keys(environment)],
      ports: [...listAt(service, 'expose'), ...listAt(service, 'ports')].flatMap(containerPorts),
      probes: probe ? [probe] : [],
    });
  }
  return { file, services, top, instances };
}
