import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AlarmSchema, DeviceStateSchema, STATE_BUCKET, type Alarm, type DeviceState } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { StateStoreService } from '../state-store/state-store.service';
import { ALARMS_BUCKET } from '../state-store/state-store.constants';
import { KvMirror } from './kv-mirror';

/**
 * What every replica knows about the whole fleet, whoever owns each device: the stored state of
 * every device and every alarm not yet done, mirrored from KV buckets `fleet_state` and
 * `fleet_alarms`. Snapshots and takeovers read it; only a device's owner writes those buckets.
 */
@Injectable()
export class FleetView implements OnModuleDestroy {
  private readonly states: KvMirror<DeviceState>;
  private readonly alarms: KvMirror<Alarm>;

  constructor(
    private readonly store: StateStoreService,
    invalid: InvalidMessages,
  ) {
    this.states = new KvMirror(DeviceStateSchema, (key, detail) => invalid.record(`kv:${STATE_BUCKET}`, 'invalid-stored-state', `kv:${key}`, detail));
    this.alarms = new KvMirror(AlarmSchema, (key, detail) => invalid.record(`kv:${ALARMS_BUCKET}`, 'invalid-stored-alarm', `kv:${ALARMS_BUCKET}:${key}`, detail));
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
    return [...this.alarms.entries].filter(([key, alarm]) => key === alarm.id && owned(alarm.deviceId)).map(([, alarm]) => alarm);
  }

  /** The stored alarm with this id, if any. */
  alarm(id: string): Alarm | undefined {
    return this.alarms.entries.get(id);
  }
}
