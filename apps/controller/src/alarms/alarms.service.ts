import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { nuid } from '@nats-io/transport-node';
import { AlarmSchema, type Alarm, type AlarmAck, type AlarmAckReply, type AlarmCode } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import type { Config } from '../config';
import { DedupeCache } from '../commands/dedupe-cache';
import type { DecisionContext } from '../devices/device-record';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { StatePublisher } from '../state-store/state-publisher.service';
import { StateStoreService } from '../state-store/state-store.service';
import { ALARMS_BUCKET } from '../state-store/state-store.constants';
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
 * Raises and clears alarms from device conditions, and records acknowledgements. The book lives
 * in memory and in KV bucket `fleet_alarms`, so active and unacknowledged alarms survive a restart.
 */
@Injectable()
export class AlarmsService implements OnModuleInit {
  private readonly book = new AlarmBook();
  private readonly acks: DedupeCache<AlarmAckReply>;
  /** Devices with a delayed condition not yet raised: what holds for them, and since when. */
  private readonly waiting = new Map<string, { conditions: AlarmConditions; pending: Map<AlarmCode, PendingCondition> }>();
  private readonly delayMs: number;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly store: StateStoreService,
    private readonly publisher: StatePublisher,
    private readonly metrics: MetricsService,
    private readonly invalid: InvalidMessages,
  ) {
    this.acks = new DedupeCache(config.dedupeMax, config.commandTtlMs);
    this.delayMs = config.alarmDelayMs;
  }

  async onModuleInit(): Promise<void> {
    for (const { key, value } of await this.store.loadAll(ALARMS_BUCKET)) {
      const parsed = AlarmSchema.safeParse(value);
      if (!parsed.success || parsed.data.id !== key) {
        const detail = parsed.success ? 'key does not match alarm id' : formatZodIssues(parsed.error);
        this.invalid.record(`kv:${ALARMS_BUCKET}`, 'invalid-stored-alarm', `kv:${ALARMS_BUCKET}:${key}`, detail);
        continue;
      }
      for (const id of this.book.put(parsed.data)) this.publisher.forgetAlarm(id);
    }
    this.updateGauge();
    this.logger.info({ alarms: this.book.list().length }, 'alarms restored');
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

  /** Active and unacknowledged alarms, for the snapshot. */
  list(): Alarm[] {
    return this.book.list();
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
