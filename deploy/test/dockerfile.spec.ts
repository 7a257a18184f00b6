import { readFileSync } from 'node:fs';
import { AGENT_NODE_OPTIONS } from '@fleet/fleet-runner';
import { APP_NAMES } from '../src/apps';
import { MINIMAL_ENV } from '../src/config-docs';
import { readDockerfile, resolvedStage } from '../src/dockerfile';
import { appEntryScript, appOfStage, checkInstance, probeFromUrl } from '../src/instances';
import { engineConflicts } from '../src/node-engines';
import { DOCKERFILE, REPO_ROOT } from '../src/paths';

const stages = readDockerfile(DOCKERFILE);

/** The supported Node LTS line the images run (Node 20 reached its end of life in April 2026). */
const NODE_LTS_MAJOR = 24;

describe('dockerfile', () => {
  it('targets - one per app, whose entry point is the app\'s built main', () => {
    for (const app of APP_NAMES) {
      // The agent runs with the same node options as under the launcher (a capped young generation).
      const nodeOptions = app === 'agent' ? AGENT_NODE_OPTIONS : [];
      expect(resolvedStage(stages, app)?.entrypoint).toEqual(['node', ...nodeOptions, appEntryScript(app)]);
      expect(appOfStage(stages, app)).toBe(app);
    }
  });

  it('runtime - runs as a non-root numeric user in production mode', () => {
    const text = readFileSync(DOCKERFILE, 'utf8');
    expect(text).toMatch(/^USER [1-9]\d*:[1-9]\d*$/m);
    expect(resolvedStage(stages, 'controller')?.env.NODE_ENV).toBe('production');
    expect(text).toMatch(/^FROM \S+ AS build$/m);
  });

  it('runtime - every stage is built on the Node 24 LTS image, whose npm ci warns of no engine', () => {
    const bases = stages.filter((s) => !stages.some((other) => other.name === s.from)).map((s) => s.from);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(new RegExp(`^node:${NODE_LTS_MAJOR}(\\.|-|$)`));
    // The lowest release of the line is the strictest test: npm ci in the image installs the
    // whole lock file (dev dependencies included, for the build), root package included.
    const lock: unknown = JSON.parse(readFileSync(`${REPO_ROOT}/package-lock.json`, 'utf8'));
    expect(engineConflicts(lock, `${NODE_LTS_MAJOR}.0.0`)).toEqual([]);
  });

  it('images - ENV, EXPOSE and HEALTHCHECK agree with each app\'s config', () => {
    for (const app of APP_NAMES) {
      const stage = resolvedStage(stages, app);
      if (!stage) throw new Error(`no target ${app}`);
      const url = stage.healthcheck?.find((part) => part.startsWith('http'));
      const probe = url ? probeFromUrl('HEALTHCHECK', url) : undefined;
      const own = stages.find((s) => s.name === app)?.env ?? {};
      const report = checkInstance({
        where: `Dockerfile target ${app}`,
        app,
        argv: [],
        // The image plus only what the app cannot start without (e.g. the agent's device).
        env: { ...MINIMAL_ENV[app], ...stage.env },
        declaredEnv: Object.keys(own),
        ports: stage.expose,
        probes: probe ? [probe] : [],
      });
      expect(report.problems).toEqual([]);
      // An app with an HTTP port has a health check on it; one without says HEALTHCHECK NONE.
      if (report.httpPort === undefined) expect(stage.healthcheck).toBeNull();
      else expect(probe?.port).toBe(report.httpPort);
    }
  });

  it('build - copies every workspace package.json that npm ci needs', () => {
    const text = readFileSync(DOCKERFILE, 'utf8');
    const root: unknown = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8'));
    const workspaces = typeof root === 'object' && root !== null && 'workspaces' in root && Array.isArray(root.workspaces) ? root.workspaces.map(String) : [];
    expect(workspaces.length).toBeGreaterThan(0);
    for (const pattern of workspaces) {
      const dir = pattern.replace(/\/\*$/, '');
      expect(text).toMatch(new RegExp(`^COPY ${dir}(/package\\.json)? ${dir}`, 'm'));
    }
  });
});
