/** Types of tools/check-prereqs.js, a plain Node script (it runs before anything is built). */

export type PrereqTask = 'test' | 'start';

export interface PrereqOptions {
  /** The environment: PATH is searched for nats-server, NATS_URL gives `start` a broker. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Flags passed on to the launcher (`--nats-url` gives `start` a broker). */
  readonly argv?: readonly string[];
  /** Default: the file exists and may be executed. */
  readonly isExecutable?: (path: string) => boolean;
  /** Default: `process.version`. */
  readonly nodeVersion?: string;
  /** Default: {@link MIN_NODE}. */
  readonly minNode?: readonly [number, number];
}

export const CHROMIUM_PATH: string;
export const INSTALL_CHROMIUM: string;
export const INSTALL_NATS_SERVER: string;
export const NATS_SERVER_LOCATIONS: readonly string[];
/** `[major, minor]` of the root package.json `engines.node` (`>=X.Y`), if it has that form. */
export const MIN_NODE: readonly [number, number] | undefined;

/** `[major, minor]` of a `>=X.Y` engines range; undefined for any other form. */
export function minNodeFromEngines(range: string | undefined): [number, number] | undefined;

/** One message per missing prerequisite of `task`, each naming the command that installs it. */
export function missingPrereqs(task: PrereqTask, options: PrereqOptions): string[];

/** The command line: prints what is missing and returns the exit code (0 all there, 1 missing, 2 misuse). */
export function main(args: readonly string[], options: PrereqOptions & { readonly error: (line: string) => void }): number;
