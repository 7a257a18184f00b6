import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { FleetEventSchema, subjects, type FleetEvent } from '@fleet/contracts';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The controller's events (transitions, alarms, command results) as they cross the wire, from `start()` on. */
export class EventWatch {
  readonly events: Array<{ at: number; event: FleetEvent }> = [];
  private sub: Subscription | undefined;

  constructor(private readonly nc: NatsConnection) {}

  /** Subscribes to every device's events; resolves once the broker has the subscription. */
  async start(): Promise<void> {
    this.sub = this.nc.subscribe(subjects.event('*'), {
      callback: (_err, msg) => {
        const parsed = FleetEventSchema.safeParse(parseJson(msg.string()));
        if (parsed.success) this.events.push({ at: Date.now(), event: parsed.data });
      },
    });
    await this.nc.flush();
  }

  stop(): void {
    this.sub?.unsubscribe();
  }

  /** Transitions into `to` since `since` (ms epoch), of `deviceId` or of any device. */
  transitionsTo(to: string, since: number, deviceId?: string): FleetEvent[] {
    return this.since(since, deviceId).filter((e) => e.type === 'transition' && e.to === to);
  }

  /** Alarms raised since `since`, of `deviceId` or of any device. */
  alarmsRaised(since: number, deviceId?: string): Array<Extract<FleetEvent, { type: 'alarm' }>> {
    return this.since(since, deviceId).flatMap((e) => (e.type === 'alarm' && e.action === 'raised' ? [e] : []));
  }

  private since(since: number, deviceId: string | undefined): FleetEvent[] {
    return this.events.filter((e) => e.at >= since && (deviceId === undefined || e.event.deviceId === deviceId)).map((e) => e.event);
  }
}
