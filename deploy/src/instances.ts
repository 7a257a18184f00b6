import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_NAMES, APP_PACKAGES, envReads, httpPortOf, loadAppConfig, type AppName } from './apps';
import { resolvedStage, type DockerStage } from './dockerfile';
import { dictAt, textAt } from './guards';
import { REPO_ROOT } from './paths';

/** An HTTP probe or health check: GET `path` on `port` must answer 200. */
export interface HttpProbe {
  readonly kind: string;
  readonly path: string;
  readonly port: number;
}

/** One app as a deployment file runs it: which app, its flags and env, ports and probes. */
export interface AppInstance {
  /** Where it is declared, for messages: `compose service gateway`, `k8s dev Deployment/fleet-gateway`. */
  readonly where: string;
  readonly app: AppName;
  readonly argv: readonly string[];
  /** The environment the process gets (image ENV, then the file's own). */
  readonly env: Readonly<Record<string, string>>;
  /** The variables this file (or the image) sets, each of which the app must read. */
  readonly declaredEnv: readonly string[];
  /** Ports the container declares; empty when the file declares none. */
  readonly ports: readonly number[];
  readonly probes: readonly HttpProbe[];
}

/** What a checked instance resolves to: the app's real config, and every problem found. */
export interface InstanceReport {
  readonly instance: AppInstance;
  readonly config: Readonly<Record<string, unknown>> | undefined;
  readonly httpPort: number | undefined;
  readonly problems: readonly string[];
}

/** The built entry script of an app (its package's "." export), relative to the repository root. */
export function appEntryScript(app: AppName): string {
  const pkgFile = require.resolve(`${APP_PACKAGES[app]}/package.json`);
  const pkg: unknown = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const main = textAt(dictAt(dictAt(pkg, 'exports'), '.'), 'default');
  if (!main) throw new Error(`${APP_PACKAGES[app]} has no "." export`);
  return path.relative(REPO_ROOT, path.resolve(path.dirname(pkgFile), main));
}

/** The app a Dockerfile stage runs, found by its ENTRYPOINT script; undefined for none of ours. */
export function appOfStage(stages: readonly DockerStage[], target: string): AppName | undefined {
  const stage = resolvedStage(stages, target);
  const script = stage?.entrypoint.find((part) => part.endsWith('.js'));
  return APP_NAMES.find((app) => script !== undefined && appEntryScript(app) === script);
}

/** Parses `http://host:port/path` from a health-check command or URL. */
export function probeFromUrl(kind: string, url: string): HttpProbe | undefined {
  const m = /^https?:\/\/[^/:]+:(\d+)(\/\S*)$/.exec(url);
  return m?.[1] && m[2] ? { kind, port: Number(m[1]), path: m[2] } : undefined;
}

/**
 * Checks one instance against its app: every variable it sets is one the app reads, the app's
 * real config loader accepts its flags and env, and every probe targets the app's HTTP port.
 */
export function checkInstance(instance: AppInstance): InstanceReport {
  const problems: string[] = [];
  const reads = envReads(instance.app);
  for (const key of instance.declaredEnv) {
    if (!reads.has(key)) problems.push(`${instance.where}: ${key} is not read by ${instance.app}`);
  }
  const loaded = loadAppConfig(instance.app, instance.argv, instance.env);
  if (!loaded.ok) {
    problems.push(...loaded.problems.map((p) => `${instance.where}: ${instance.app} rejects its config: ${p}`));
    return { instance, config: undefined, httpPort: undefined, problems };
  }
  const httpPort = httpPortOf(instance.app, loaded.config);
  for (const probe of instance.probes) {
    if (probe.port !== httpPort) {
      problems.push(`${instance.where}: ${probe.kind} on port ${probe.port}, but ${instance.app} serves HTTP on ${httpPort ?? 'no port'}`);
    }
  }
  if (httpPort !== undefined && instance.ports.length > 0 && !instance.ports.includes(httpPort)) {
    problems.push(`${instance.where}: ${instance.app} serves HTTP on ${httpPort}, which the container does not declare`);
  }
  return { instance, config: loaded.config, httpPort, problems };
}
