import { Inject, Injectable } from '@nestjs/common';
import { nuid } from '@nats-io/transport-node';
import { type Alarm, type AlarmAck, type AlarmAckReply, type AlarmCode } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { DedupeCache } from '../commands/dedupe-cache';
import type { DecisionContext } from '../devices/device-record';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { StatePublisher } from '../state-store/state-publisher.service';
import { AlarmBook } from './alarm-book';
import {
  acknowledgeAlarm,
  alarmEvent,
  evaluateAlarms,
  type AlarmChange,
  type AlarmConditions,
  type PendingCondition,
} from './alarm-logic';

/**
 * Raises and clears alarms from device conditions, and records acknowledgements, for the devices
 * this replica owns. The book lives in memory and in KV bucket `fleet_alarms`, so active and
 * unacknowledged alarms survive a restart and follow their device to another replica.
 */
@Injectable()
export class AlarmsService {
  private readonly book = new AlarmBook();
  private readonly acks: DedupeCache<AlarmAckReply>;
  /** Devices with a delayed condition not yet raised: what holds for them, and since when. */
  private readonly waiting = new Map<string, { conditions: AlarmConditions; pending: Map<AlarmCode, PendingCondition> }>();
  private readonly delayMs: number;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publisher: StatePublisher,
    private readonly metrics: MetricsService,
  ) {
    this.acks = new DedupeCache(config.dedupeMax, config.commandTtlMs);
    this.delayMs = config.alarmDelayMs;
  }

  /** Takes over stored alarms of devices whose partition became this replica's. */
  adopt(alarms: readonly Alarm[]): void {
    for (const alarm of alarms) for (const id of this.book.put(alarm)) this.publisher.forgetAlarm(id);
    this.updateGauge();
    this.logger.info({ alarms: alarms.length }, 'alarms restored');
  }

  /** Forgets the alarms of the devices `owned` selects (their partition left this replica). */
  release(owned: (deviceId: string) => boolean): void {
    this.book.release(owned);
    for (const deviceId of this.waiting.keys()) if (owned(deviceId)) this.waiting.delete(deviceId);
    this.updateGauge();
  }

  /** Brings one device's alarms in line with the conditions that hold for it now. */
  update(deviceId: string, conditions: AlarmConditions): void {
    const ctx = this.context();
    const before = this.waiting.get(deviceId)?.pending ?? new Map<AlarmCode, PendingCondition>();
    const { changes, pending } = evaluateAlarms(deviceId, this.book.activeFor(deviceId), before, conditions, this.delayMs, ctx);
    if (pending.size > 0) this.waiting.set(deviceId, { conditions, pending });
    else this.waiting.delete(deviceId);
    for (const change of changes) this.commit(change, ctx);
  }

  /** Raises delayed conditions that have now held long enough; called by the sweep. */
  tick(): void {
    for (const [deviceId, { conditions }] of this.waiting) this.update(deviceId, conditions);
  }

  /** An operator's acknowledgement; a retried requestId gets the first reply. */
  acknowledge(ack: AlarmAck): AlarmAckReply {
    const known = this.acks.get(ack.requestId);
    if (known) return known;
    const ctx = this.context();
    const result = acknowledgeAlarm(this.book.get(ack.alarmId), ack.alarmId, ack.user, ctx.now);
    let reply: AlarmAckReply;
    if (result.ok) {
      this.commit(result.change, ctx);
      reply = { accepted: true, alarm: result.change.alarm };
    } else {
      reply = { accepted: false, reason: result.reason, ...(result.alarm ? { alarm: result.alarm } : {}) };
    }
    this.acks.set(ack.requestId, reply);
    this.logger.info({ alarmId: ack.alarmId, user: ack.user, accepted: reply.accepted, reason: reply.reason }, 'alarm acknowledgement');
    return reply;
  }

  /** Active and unacknowledged alarms of the owned devices, for the snapshot. */
  list(): Alarm[] {
    return this.book.list();
  }

  /** The owned alarm with this id, if any. */
  get(alarmId: string): Alarm | undefined {
    return this.book.get(alarmId);
  }

  private context(): DecisionContext {
    return { now: Date.now(), newId: () => nuid.next() };
  }

  private commit(change: AlarmChange, ctx: DecisionContext): void {
    const forgotten = this.book.put(change.alarm);
    if (!forgotten.includes(change.alarm.id)) this.publisher.saveAlarm(change.alarm);
    for (const id of forgotten) this.publisher.forgetAlarm(id);
    this.publisher.publishEvent(alarmEvent(change, ctx));
    this.updateGauge();
    const { id, deviceId, code, severity, message } = change.alarm;
    this.logger.info({ alarmId: id, deviceId, code, severity, action: change.action, user: change.user }, `alarm ${change.action}: ${message}`);
  }

  private updateGauge(): void {
    for (const [severity, count] of Object.entries(this.book.activeCounts())) this.metrics.alarmsActive.set({ severity }, count);
  }
}
