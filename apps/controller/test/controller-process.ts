import { startApp } from '@fleet/test-support';

/** The built controller as a child process, with its JSON log lines. */
export interface ControllerProcess {
  readonly logs: Array<Record<string, unknown>>;
  /** Base URL of its HTTP server (/metrics, /healthz). */
  readonly httpUrl: string;
  /** Sends SIGTERM and resolves with the exit code and how long the exit took. */
  stop(): Promise<{ code: number | null; ms: number }>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
}

/** Starts the controller with `args` (plus an ephemeral HTTP port) and resolves once it logs `ready`. */
export async function startController(args: string[]): Promise<ControllerProcess> {
  const { service, logs } = await startApp('controller', [...args, '--http-port', '0']);
  const ready = logs.find((l) => l.msg === 'ready');
  return {
    logs,
    httpUrl: `http://127.0.0.1:${String(ready?.httpPort)}`,
    stop: async () => {
      const started = Date.now();
      const code = await service.stop();
      return { code, ms: Date.now() - started };
    },
    kill: () => service.kill(),
  };
}
