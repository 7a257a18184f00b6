import { join } from 'node:path';

/** The apps the fleet runs, by folder under `apps/`. */
const APP_DIRS = {
  sim: 'device-sim',
  agent: 'device-agent',
  controller: 'controller',
  gateway: 'gateway',
} as const;

export type AppName = keyof typeof APP_DIRS;

/**
 * Path of an app's built entry (`apps/<app>/dist/main.js`). Found by the workspace layout
 * rather than by package resolution, so that the apps' own tests can use this library without
 * a dependency cycle; whoever runs an app declares the dependency that gets it built.
 */
export function appEntry(app: AppName): string {
  return join(__dirname, '..', '..', '..', 'apps', APP_DIRS[app], 'dist', 'main.js');
}

/**
 * Node options an app runs with. The agent, started by the hundred with a memory budget, caps
 * V8's young generation at 1 MB per semi-space: the default lets it grow to 16 MB after a burst
 * of allocation (the nkey handshake on connect is one) and keep it, about 9 MB more private
 * memory per agent for nothing; the agent allocates little per tick, so the scavenges stay cheap.
 */
export const AGENT_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];

/** The node options of the script at `entry` ({@link AGENT_NODE_OPTIONS} for the agent, else none). */
export function nodeOptionsOf(entry: string): readonly string[] {
  return entry === appEntry('agent') ? AGENT_NODE_OPTIONS : [];
}
