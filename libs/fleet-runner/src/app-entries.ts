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
