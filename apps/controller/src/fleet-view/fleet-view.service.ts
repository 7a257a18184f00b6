import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { z } from 'zod';
import { AlarmSchema, DeviceStateSchema, OutOfServiceSchema, STATE_BUCKET, type Alarm, type DeviceState, type OutOfService } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { StateStoreService } from '../state-store/state-store.service';
import { ALARMS_BUCKET, outOfServiceKey } from '../state-store/state-store.constants';

/** What `fleet_alarms` holds: alarms, and out-of-service records. */
const AlarmEntrySchema = z.union([AlarmSchema, OutOfServiceSchema]);
type AlarmEntry = z.infer<typeof AlarmEntrySchema>;
const isAlarm = (entry: AlarmEntry): entry is Alarm => 'code' in entry;
import { KvMirror } from './kv-mirror';

/**
 * What every replica knows about the whole fleet, whoever owns each device: the stored state of
 * every device and every alarm not yet done, mirrored from KV buckets `fleet_state` and
 * `fleet_alarms`. Snapshots and takeovers read it; only a device's owner writes those buckets.
 */
@Injectable()
export class FleetView implements OnModuleDestroy {
  private readonly states: KvMirror<DeviceState>;
  private readonly alarms: KvMirror<AlarmEntry>;

  constructor(
    private readonly store: StateStoreService,
    invalid: InvalidMessages,
  ) {
    this.states = new KvMirror(DeviceStateSchema, (key, detail) => invalid.record(`kv:${STATE_BUCKET}`, 'invalid-stored-state', `kv:${key}`, detail));
    this.alarms = new KvMirror(AlarmEntrySchema, (key, detail) => invalid.record(`kv:${ALARMS_BUCKET}`, 'invalid-stored-alarm', `kv:${ALARMS_BUCKET}:${key}`, detail));
  }

  /** Starts mirroring both buckets and resolves once their current contents are in. */
  async start(): Promise<void> {
    await Promise.all([this.states.start(await this.store.kv(STATE_BUCKET)), this.alarms.start(await this.store.kv(ALARMS_BUCKET))]);
    await Promise.all([this.states.ready, this.alarms.ready]);
  }

  onModuleDestroy(): void {
    this.states.stop();
    this.alarms.stop();
  }

  /** Stored states of the devices `owned` selects (a stored state whose key is not its deviceId is skipped). */
  statesWhere(owned: (deviceId: string) => boolean): DeviceState[] {
    return [...this.states.entries].filter(([key, state]) => key === state.deviceId && owned(key)).map(([, state]) => state);
  }

  /** Alarms of the devices `owned` selects. */
  alarmsWhere(owned: (deviceId: string) => boolean): Alarm[] {
    const found: Alarm[] = [];
    for (const [key, entry] of this.alarms.entries) if (isAlarm(entry) && key === entry.id && owned(entry.deviceId)) found.push(entry);
    return found;
  }

  /** Out-of-service records of the devices `owned` selects. */
  outOfServiceWhere(owned: (deviceId: string) => boolean): OutOfService[] {
    const found: OutOfService[] = [];
    for (const [key, entry] of this.alarms.entries) if (!isAlarm(entry) && key === outOfServiceKey(entry.deviceId) && owned(entry.deviceId)) found.push(entry);
    return found;
  }

  /** The stored alarm with this id, if any. */
  alarm(id: string): Alarm | undefined {
    const entry = this.alarms.entries.get(id);
    return entry && isAlarm(entry) ? entry : undefined;
  }
}
