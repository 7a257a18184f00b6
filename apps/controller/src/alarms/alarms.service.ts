import { Inject, Injectable } from '@nestjs/common';
import { nuid } from '@nats-io/transport-node';
import {
  type Alarm,
  type AlarmAck,
  type AlarmAckReply,
  type AlarmAction,
  type AlarmActionReply,
  type DeviceKindSpec,
  type OutOfService,
} from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { DedupeCache } from '../commands/dedupe-cache';
import type { DecisionContext } from '../devices/device-record';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { StatePublisher } from '../state-store/state-publisher.service';
import { planAlarmAction, type AcceptedTransition } from './alarm-actions';
import { AlarmBook } from './alarm-book';
import { alarmKpis, pruneRaises } from './alarm-kpis';
import { alarmEvent, evaluateAlarms, type AlarmConditions, type PendingEdge } from './alarm-logic';
import { SYSTEM_USER, shelveExpired, transitionAlarm, type AlarmChange } from './alarm-state';
import { limitConditions, limitedReadings, sameKeys } from './limit-logic';

/** How often the KPI gauges are refreshed at most. */
const KPI_EVERY_MS = 1000;

const NO_CONDITIONS: AlarmConditions = new Map();

/** What holds for one device: system conditions (state, link, rate) and limit conditions (readings). */
interface DeviceInputs {
  system: AlarmConditions;
  limits: AlarmConditions;
  pending: ReadonlyMap<string, PendingEdge>;
}

/**
 * Raises and clears alarms from device conditions and readings, and applies operator actions
 * (acknowledge, shelve, unshelve, out of service), for the devices this replica owns. The book and
 * the out-of-service records live in memory and in KV bucket `fleet_alarms`, so they survive a
 * restart and follow their device to another replica.
 */
@Injectable()
export class AlarmsService {
  private readonly book = new AlarmBook();
  private readonly replies: DedupeCache<AlarmActionReply>;
  private readonly acks: DedupeCache<AlarmAckReply>;
  private readonly inputs = new Map<string, DeviceInputs>();
  /** Devices with an edge waiting out its delay. */
  private readonly waiting = new Set<string>();
  private readonly outOfService = new Map<string, OutOfService>();
  private raiseTimes: number[] = [];
  private kpisAt = 0;
  private readonly delayMs: number;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publisher: StatePublisher,
    private readonly metrics: MetricsService,
  ) {
    this.replies = new DedupeCache(config.dedupeMax, config.commandTtlMs);
    this.acks = new DedupeCache(config.dedupeMax, config.commandTtlMs);
    this.delayMs = config.alarmDelayMs;
  }

  /** Takes over stored alarms and out-of-service records of devices whose partition became this replica's. */
  adopt(alarms: readonly Alarm[], outOfService: readonly OutOfService[] = []): void {
    for (const record of outOfService) this.outOfService.set(record.deviceId, record);
    for (const alarm of alarms) for (const id of this.book.put(alarm)) this.publisher.forgetAlarm(id);
    this.updateGauges(true);
    this.logger.info({ alarms: alarms.length, outOfService: outOfService.length }, 'alarms restored');
  }

  /** Forgets the alarms of the devices `owned` selects (their partition left this replica). */
  release(owned: (deviceId: string) => boolean): void {
    this.book.release(owned);
    for (const deviceId of this.inputs.keys()) if (owned(deviceId)) this.inputs.delete(deviceId);
    for (const deviceId of this.waiting) if (owned(deviceId)) this.waiting.delete(deviceId);
    for (const deviceId of this.outOfService.keys()) if (owned(deviceId)) this.outOfService.delete(deviceId);
    this.updateGauges(true);
  }

  /** Brings one device's alarms in line with the system conditions that hold for it now. */
  update(deviceId: string, system: AlarmConditions): void {
    const inputs = this.inputsOf(deviceId);
    inputs.system = system;
    this.evaluate(deviceId, inputs);
  }

  /**
   * Hot path: one status's readings. Only kinds with limits do any work, and alarms are evaluated
   * only when the set of limits exceeded changes.
   */
  readings(deviceId: string, spec: DeviceKindSpec, values: Readonly<Record<string, number | null>>): void {
    const limited = limitedReadings(spec);
    if (limited.length === 0) return;
    const before = this.inputs.get(deviceId)?.limits ?? NO_CONDITIONS;
    const now = limitConditions(deviceId, limited, values, new Set(before.keys()));
    if (sameKeys(before, now)) return;
    const inputs = this.inputsOf(deviceId);
    inputs.limits = now;
    this.evaluate(deviceId, inputs);
  }

  /** Raises and clears delayed edges that are due, and ends expired shelves; called by the sweep. */
  tick(): void {
    for (const deviceId of [...this.waiting]) {
      const inputs = this.inputs.get(deviceId);
      if (inputs) this.evaluate(deviceId, inputs);
      else this.waiting.delete(deviceId);
    }
    const ctx = this.context();
    for (const alarm of [...this.book.values()]) {
      if (!shelveExpired(alarm, ctx.now)) continue;
      const result = transitionAlarm(alarm, { type: 'unshelve', by: SYSTEM_USER, reason: 'shelve time expired', now: ctx.now });
      if (result.ok) this.commit(result, ctx);
    }
    this.updateGauges(false);
  }

  /** An operator action on `deviceId` (the owner's per-device subject); a retried requestId gets the first reply. */
  act(action: AlarmAction, deviceId: string): AlarmActionReply {
    const known = this.replies.get(action.requestId);
    if (known) return known;
    const ctx = this.context();
    const alarms = this.book.of(deviceId);
    const plan = planAlarmAction(
      action,
      {
        deviceId,
        alarm: (id) => {
          const alarm = this.book.get(id);
          return alarm?.deviceId === deviceId ? alarm : undefined;
        },
        alarms: [...alarms.values()],
        outOfService: this.outOfService.get(deviceId),
      },
      ctx.now,
    );
    for (const transition of plan.transitions) this.commit(transition, ctx);
    if (plan.service && 'set' in plan.service) this.takeOutOfService(plan.service.set, ctx);
    if (plan.service && 'clear' in plan.service) this.returnToService(plan.service.clear, action.user, action.action === 'in-service' ? action.reason : undefined, ctx);
    this.replies.set(action.requestId, plan.reply);
    this.logger.info({ deviceId, action: action.action, user: action.user, accepted: plan.reply.accepted, reason: plan.reply.reason }, 'alarm action');
    return plan.reply;
  }

  /** A single acknowledgement (`fleet.v1.control.alarm.ack`); a retried requestId gets the first reply. */
  acknowledge(ack: AlarmAck): AlarmAckReply {
    const known = this.acks.get(ack.requestId);
    if (known) return known;
    const alarm = this.book.get(ack.alarmId);
    let reply: AlarmAckReply;
    if (!alarm) reply = { accepted: false, reason: `unknown alarm ${ack.alarmId} (never raised, or cleared and acknowledged)` };
    else {
      const result = this.act(
        { action: 'ack', alarmIds: [ack.alarmId], requestId: `ack:${ack.requestId}`, ...(ack.user !== undefined ? { user: ack.user } : {}), ...(ack.comment !== undefined ? { comment: ack.comment } : {}) },
        alarm.deviceId,
      );
      const after = result.alarms[0] ?? alarm;
      reply = result.accepted ? { accepted: true, alarm: after } : { accepted: false, reason: result.reason ?? 'not acknowledged', alarm: after };
    }
    this.acks.set(ack.requestId, reply);
    return reply;
  }

  /** The alarms of the owned devices in the book, for the snapshot. */
  list(): Alarm[] {
    return this.book.list();
  }

  /** The owned devices out of service. */
  outOfServiceList(): OutOfService[] {
    return [...this.outOfService.values()];
  }

  /** The owned alarm with this id, if any. */
  get(alarmId: string): Alarm | undefined {
    return this.book.get(alarmId);
  }

  private inputsOf(deviceId: string): DeviceInputs {
    let inputs = this.inputs.get(deviceId);
    if (!inputs) this.inputs.set(deviceId, (inputs = { system: NO_CONDITIONS, limits: NO_CONDITIONS, pending: new Map() }));
    return inputs;
  }

  private evaluate(deviceId: string, inputs: DeviceInputs): void {
    const ctx = this.context();
    const conditions = inputs.limits.size === 0 ? inputs.system : new Map([...inputs.system, ...inputs.limits]);
    const { changes, pending } = evaluateAlarms(
      { deviceId, conditions, alarms: this.book.of(deviceId), pending: inputs.pending, outOfService: this.outOfService.has(deviceId), delayMs: this.delayMs },
      ctx,
    );
    inputs.pending = pending;
    if (pending.size > 0) this.waiting.add(deviceId);
    else this.waiting.delete(deviceId);
    for (const change of changes) this.commitChange(change, ctx);
  }

  private takeOutOfService(record: OutOfService, ctx: DecisionContext): void {
    this.outOfService.set(record.deviceId, record);
    this.publisher.saveOutOfService(record);
    const inputs = this.inputs.get(record.deviceId);
    if (inputs) inputs.pending = new Map();
    this.waiting.delete(record.deviceId);
    this.publisher.publishEvent({ type: 'service', id: ctx.newId(), ts: ctx.now, deviceId: record.deviceId, action: 'out-of-service', user: record.by, reason: record.reason });
    this.logger.info({ deviceId: record.deviceId, user: record.by, reason: record.reason }, 'device out of service');
  }

  private returnToService(record: OutOfService, user: string | undefined, reason: string | undefined, ctx: DecisionContext): void {
    this.outOfService.delete(record.deviceId);
    this.publisher.forgetOutOfService(record.deviceId);
    const by = user ?? record.by;
    this.publisher.publishEvent({ type: 'service', id: ctx.newId(), ts: ctx.now, deviceId: record.deviceId, action: 'in-service', user: by, reason: reason ?? '' });
    this.logger.info({ deviceId: record.deviceId, user: by }, 'device back in service');
    // What holds now is judged afresh, with its on-delays.
    const inputs = this.inputs.get(record.deviceId);
    if (inputs) this.evaluate(record.deviceId, inputs);
  }

  private commit(transition: AcceptedTransition, ctx: DecisionContext): void {
    for (const change of transition.changes) this.commitChange(change, ctx);
  }

  private commitChange(change: AlarmChange, ctx: DecisionContext): void {
    const { alarm } = change;
    if (change.action === 'removed') {
      this.book.remove(alarm);
      this.publisher.forgetAlarm(alarm.id);
    } else {
      const forgotten = this.book.put(alarm);
      if (!forgotten.includes(alarm.id)) this.publisher.saveAlarm(alarm);
      for (const id of forgotten) this.publisher.forgetAlarm(id);
    }
    if (change.action === 'raised') this.raiseTimes = pruneRaises(this.raiseTimes, ctx.now, 1);
    this.publisher.publishEvent(alarmEvent(change, ctx));
    this.updateGauges(true);
    const { id, deviceId, code, severity, message } = alarm;
    this.logger.info({ alarmId: id, deviceId, code, severity, action: change.action, user: change.user, comment: change.comment }, `alarm ${change.action}: ${message}`);
  }

  private context(): DecisionContext {
    return { now: Date.now(), newId: () => nuid.next() };
  }

  /** Active counts at once; the KPIs (which scan the book) at most once a second unless `force`. */
  private updateGauges(force: boolean): void {
    for (const [severity, count] of Object.entries(this.book.activeCounts())) this.metrics.alarmsActive.set({ severity }, count);
    const now = Date.now();
    if (!force && now - this.kpisAt < KPI_EVERY_MS) return;
    this.kpisAt = now;
    this.raiseTimes = pruneRaises(this.raiseTimes, now);
    for (const [kpi, value] of Object.entries(alarmKpis(this.book.values(), this.raiseTimes, now))) this.metrics.alarmKpis.set({ kpi }, value);
  }
}
