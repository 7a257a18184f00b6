import { DeviceCommandSchema, subjects, type DeviceCommand } from '@fleet/contracts';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';

/**
 * Plays a camera agent from the test: presence birth, status at `statusHz`, and answers to
 * hardware commands that change its hardware state like the camera server does.
 */
export class FakeCameraAgent {
  hwState: 'idle' | 'exposing' = 'idle';
  seq = 0;
  readonly commands: DeviceCommand[] = [];
  lastStatusAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private cmdSub: Subscription | undefined;

  constructor(
    private readonly nc: NatsConnection,
    readonly deviceId: string,
    private readonly statusHz = 10,
    /** Rate actually published; lower than `statusHz` plays a slow device. */
    private readonly publishHz = statusHz,
  ) {}

  birth(): void {
    this.seq = 0;
    const birth = { type: 'birth', deviceId: this.deviceId, kind: 'camera', statusHz: this.statusHz, version: 'test', pid: process.pid, host: 'test', ts: Date.now() };
    this.nc.publish(subjects.devicePresence(this.deviceId), JSON.stringify(birth));
  }

  startStatus(): void {
    this.stopStatus();
    this.timer = setInterval(() => this.publishStatus(), 1000 / this.publishHz);
  }

  stopStatus(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  answerCommands(): void {
    this.cmdSub = this.nc.subscribe(subjects.deviceCommand(this.deviceId), {
      callback: (err, msg) => {
        if (err) return;
        const parsed = DeviceCommandSchema.safeParse(msg.json());
        if (!parsed.success) return;
        const command = parsed.data;
        this.commands.push(command);
        if (command.command === 'start_exposure') this.hwState = 'exposing';
        if (command.command === 'stop_exposure') this.hwState = 'idle';
        msg.respond(JSON.stringify({ ok: true, reply: 'ok', seq: this.seq }));
      },
    });
  }

  stop(): void {
    this.stopStatus();
    this.cmdSub?.unsubscribe();
  }

  private publishStatus(): void {
    this.seq += 1;
    this.lastStatusAt = Date.now();
    const status = {
      deviceId: this.deviceId,
      kind: 'camera',
      seq: this.seq,
      ts: this.lastStatusAt,
      link: 'up',
      hwState: this.hwState,
      readings: { exposingTime: this.hwState === 'exposing' ? 0.1 : null },
      counters: { polls: this.seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
    };
    this.nc.publish(subjects.deviceStatus(this.deviceId), JSON.stringify(status));
  }
}
