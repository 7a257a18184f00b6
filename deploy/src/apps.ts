import * as agent from '@fleet/device-agent/config';
import * as controller from '@fleet/controller/config';
import * as gateway from '@fleet/gateway/config';
import * as sim from '@fleet/device-sim/config';

/** The deployable Node apps, by the name used in the Dockerfile targets and the manifests. */
export const APP_NAMES = ['sim', 'agent', 'controller', 'gateway'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** The npm package of each app: its `./config` export is what this project reads. */
export const APP_PACKAGES: Readonly<Record<AppName, string>> = {
  sim: '@fleet/device-sim',
  agent: '@fleet/device-agent',
  controller: '@fleet/controller',
  gateway: '@fleet/gateway',
};

/** An app's config as a plain record, or the problems that prevent it. */
export type Loaded = { ok: true; config: Readonly<Record<string, unknown>> } | { ok: false; problems: string[] };

type Env = NodeJS.ProcessEnv;

/**
 * Each app's own `loadConfig` (flags > env > defaults), with one result shape. These call the
 * apps' real, exported config code; nothing here restates what they read.
 */
const LOADERS: Readonly<Record<AppName, (argv: readonly string[], env: Env) => Loaded>> = {
  sim: (argv, env) => {
    const r = sim.loadConfig(argv, env);
    return r.ok ? { ok: true, config: r.config } : { ok: false, problems: r.issues };
  },
  agent: (argv, env) => {
    const r = agent.loadConfig(argv, env);
    return r.ok ? { ok: true, config: { ...r.config } } : { ok: false, problems: r.issues };
  },
  controller: (argv, env) => {
    const r = controller.buildConfig(argv, env);
    return r.ok ? { ok: true, config: r.config } : { ok: false, problems: r.issues };
  },
  gateway: (argv, env) => {
    const r = gateway.loadConfig(argv, env);
    return r.ok ? { ok: true, config: r.config } : { ok: false, problems: r.errors };
  },
};

/** Runs an app's real config loader. */
export function loadAppConfig(app: AppName, argv: readonly string[], env: Readonly<Record<string, string>>): Loaded {
  return LOADERS[app](argv, { ...env });
}

/**
 * Every environment variable `app` reads, recorded by handing its config loader an env object
 * that notes each key asked for. With no flags given, every `flag ?? env.X` falls through to the
 * env, so the empty call sees every read; `env` adds reads that depend on values (e.g. a mode).
 */
export function envReads(app: AppName, env: Readonly<Record<string, string>> = {}): Set<string> {
  const reads = new Set<string>();
  const recorder = (values: Record<string, string>): Env =>
    new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string') reads.add(key);
        return Reflect.get(target, key, receiver);
      },
      has(target, key) {
        if (typeof key === 'string') reads.add(key);
        return Reflect.has(target, key);
      },
    });
  LOADERS[app]([], recorder({}));
  LOADERS[app]([], recorder({ ...env }));
  return reads;
}

/** The TCP port on which an app serves /metrics and its health endpoints; undefined for none. */
export function httpPortOf(app: AppName, config: Readonly<Record<string, unknown>>): number | undefined {
  const port = app === 'gateway' ? config.port : app === 'agent' ? undefined : config.httpPort;
  return typeof port === 'number' && port !== 0 ? port : undefined;
}

/** The default HTTP ports, from the apps' exported constants (the sim's is 0: off unless set). */
export const DEFAULT_HTTP_PORTS = {
  controller: controller.DEFAULT_HTTP_PORT,
  sim: sim.DEFAULT_HTTP_PORT,
} as const;
