import type { Schema } from '@fleet/app-config';
import * as bench from '@fleet/bench/config';
import * as agent from '@fleet/device-agent/config';
import * as controller from '@fleet/controller/config';
import * as gateway from '@fleet/gateway/config';
import * as launcher from '@fleet/launcher/config';
import * as sim from '@fleet/device-sim/config';

/** The deployable Node apps, by the name used in the Dockerfile targets and the manifests. */
export const APP_NAMES = ['sim', 'agent', 'controller', 'gateway'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** Every program with a command line: the deployable apps, then the local tools (`npm start`, `npm run bench`). */
export const PROGRAM_NAMES = [...APP_NAMES, 'launcher', 'bench'] as const;
export type ProgramName = (typeof PROGRAM_NAMES)[number];

/** The npm package of each program: its `./config` export is what this project reads. */
export const PROGRAM_PACKAGES: Readonly<Record<ProgramName, string>> = {
  sim: '@fleet/device-sim',
  agent: '@fleet/device-agent',
  controller: '@fleet/controller',
  gateway: '@fleet/gateway',
  launcher: '@fleet/launcher',
  bench: '@fleet/bench',
};
export const APP_PACKAGES: Readonly<Record<AppName, string>> = PROGRAM_PACKAGES;

/** Each program's settings schema: its flags, variables, defaults and meanings. */
export const SCHEMAS: Readonly<Record<ProgramName, Schema>> = {
  sim: sim.CONFIG_SCHEMA,
  agent: agent.CONFIG_SCHEMA,
  controller: controller.CONFIG_SCHEMA,
  gateway: gateway.CONFIG_SCHEMA,
  launcher: launcher.CONFIG_SCHEMA,
  bench: bench.CONFIG_SCHEMA,
};

/** An app's config as a plain record, or the problems that prevent it. */
export type Loaded = { ok: true; config: Readonly<Record<string, unknown>> } | { ok: false; problems: string[] };

type Env = Readonly<Record<string, string>>;

/** Each app's own `loadConfig` (flags > env > defaults), with one result shape. */
const LOADERS: Readonly<Record<AppName, (argv: readonly string[], env: Env) => Loaded>> = {
  sim: (argv, env) => {
    const r = sim.loadConfig(argv, env);
    return r.ok ? { ok: true, config: { ...r.config } } : { ok: false, problems: r.issues };
  },
  agent: (argv, env) => {
    const r = agent.loadConfig(argv, env);
    return r.ok ? { ok: true, config: { ...r.config } } : { ok: false, problems: r.issues };
  },
  controller: (argv, env) => {
    const r = controller.loadConfig(argv, env);
    return r.ok ? { ok: true, config: { ...r.config } } : { ok: false, problems: r.issues };
  },
  gateway: (argv, env) => {
    const r = gateway.loadConfig(argv, env);
    return r.ok ? { ok: true, config: { ...r.config } } : { ok: false, problems: r.issues };
  },
};

/** Runs an app's real config loader. */
export function loadAppConfig(app: AppName, argv: readonly string[], env: Env): Loaded {
  return LOADERS[app](argv, { ...env });
}

/** Every environment variable `program` reads: those of its schema. */
export function envReads(program: ProgramName): Set<string> {
  return new Set(SCHEMAS[program].settings.flatMap((s) => (s.env === undefined ? [] : [s.env])));
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
