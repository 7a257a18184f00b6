import { subjects } from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Plays a temperature sensor's agent from the test: a birth, then status at `statusHz` with the
 * temperature and link the test sets; `pause` stops the status for a while, as a dead or stalled
 * agent would.
 */
export class FakeSensor {
  temperature = 21;
  link: 'up' | 'down' = 'up';
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly nc: NatsConnection,
    readonly deviceId: string,
    private readonly statusHz = 10,
  ) {}

  start(): void {
    const birth = { type: 'birth', deviceId: this.deviceId, kind: 'sensor', statusHz: this.statusHz, version: 'test', pid: process.pid, host: 'test', ts: Date.now() };
    this.nc.publish(subjects.devicePresence(this.deviceId), JSON.stringify(birth));
    this.resume();
  }

  resume(): void {
    this.stop();
    this.timer = setInterval(() => this.publish(), 1000 / this.statusHz);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Silent for `ms`, then publishing again. */
  async pause(ms: number): Promise<void> {
    this.stop();
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.resume();
  }

  private publish(): void {
    this.seq += 1;
    const up = this.link === 'up';
    const status = {
      deviceId: this.deviceId,
      kind: 'sensor',
      seq: this.seq,
      ts: Date.now(),
      link: this.link,
      ...(up ? {} : { linkReason: 'refused' }),
      hwState: up ? 'ok' : null,
      readings: { temperature: up ? this.temperature : null },
      counters: { polls: this.seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
    };
    this.nc.publish(subjects.deviceStatus(this.deviceId), JSON.stringify(status));
  }
}
