import { appEntry, startService, type AppName, type Service } from '@fleet/fleet-runner';

/** An app started by a test, with every JSON log line it printed. */
export interface AppProcess {
  readonly service: Service;
  readonly logs: Array<Record<string, unknown>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Starts a built app (`apps/<app>/dist/main.js`) as a child process and resolves once it logs
 * `ready`. Nx builds the app before its tests run.
 */
export async function startApp(
  app: AppName,
  args: readonly string[],
  options: { env?: Record<string, string>; waitReady?: boolean } = {},
): Promise<AppProcess> {
  const logs: Array<Record<string, unknown>> = [];
  const service = await startService(
    { name: app, entry: appEntry(app), args, env: options.env },
    {
      baseEnv: { PATH: process.env.PATH },
      waitReady: options.waitReady,
      onLine: (_name, line) => {
        try {
          const entry: unknown = JSON.parse(line);
          logs.push(isRecord(entry) ? entry : { raw: line });
        } catch {
          logs.push({ raw: line });
        }
      },
    },
  );
  return { service, logs };
}
