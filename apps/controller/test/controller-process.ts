import { startApp } from '@fleet/test-support';

/** The built controller as a child process, with its JSON log lines. */
export interface ControllerProcess {
  readonly logs: Array<Record<string, unknown>>;
  /** Sends SIGTERM and resolves with the exit code and how long the exit took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/** Starts the controller with `args` and resolves once it logs `ready`. */
export async function startController(args: string[]): Promise<ControllerProcess> {
  const { service, logs } = await startApp('controller', args);
  return {
    logs,
    stop: async () => {
      const started = Date.now();
      const code = await service.stop();
      return { code, ms: Date.now() - started };
    },
  };
}
