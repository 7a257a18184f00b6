import type { FleetClient } from '../../fleet-client';

/** A moment something became visible, and what it was. */
export interface Seen<T> {
  /** ms since epoch when the batch that made it true arrived. */
  at: number;
  value: T;
}

/**
 * Resolves when `check` first returns a value at the Socket.IO client, stamped with the arrival
 * time of the batch or snapshot that made it true (checked on every arrival, not by polling, so
 * the measured time is the client's). Checks once at once too. Rejects after `timeoutMs`.
 */
export function whenClient<T>(
  client: FleetClient,
  what: string,
  check: () => T | undefined | false,
  timeoutMs: number,
): Promise<Seen<T>> {
  return new Promise((resolve, reject) => {
    const test = (): void => {
      const value = check();
      if (value === undefined || value === false) return;
      done();
      resolve({ at: Date.now(), value });
    };
    // FleetClient registered its own listeners first, so the batch is applied when these run.
    const done = (): void => {
      clearTimeout(timer);
      client.socket.off('devices', test);
      client.socket.off('snapshot', test);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} at the client`));
    }, timeoutMs);
    client.socket.on('devices', test);
    client.socket.on('snapshot', test);
    test();
  });
}

/** Status messages per second the client received for `deviceId` since `since` (ms epoch), until now. */
export function clientRate(client: FleetClient, deviceId: string, since: number): number {
  const seconds = (Date.now() - since) / 1000;
  return client.statusesSince(deviceId, since).length / seconds;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Formats a duration for the report and logs. */
export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

/** Resolves like `promise`, or rejects naming `what` after `timeoutMs`; leaves no timer behind. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
