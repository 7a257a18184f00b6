import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { nuid } from '@nats-io/transport-node';
import {
  getDeviceKind,
  type DeviceKindSpec,
  type DeviceState,
  type DeviceStatus,
  type Presence,
} from '@fleet/contracts';
import type { Logger } from 'pino';
import { deviceConditions } from '../alarms/alarm-logic';
import { AlarmsService } from '../alarms/alarms.service';
import { CONFIG } from '../app.constants';
import { DEFAULT_STATUS_HZ, type Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { NatsLink } from '../nats/nats-link';
import { StatePublisher } from '../state-store/state-publisher.service';
import type { Decision, DecisionContext, DeviceRecord, Effect } from './device-record';
import { RateMeters } from './rate-meter';
import { onStepDeadline, restore, type RestoreOrigin } from './step-logic';
import { StepTimers } from './step-timers';
import { newRecord, onBirth, onGoodbye, onStatus, onSweep } from './status-logic';
import { announce } from './transition';

/** Delay of the second republish of every state after a broker reconnect. */
const REPUBLISH_AGAIN_MS = 1000;

/** Outcome of a status message the controller could not use. */
export type StatusRejection = 'kind-mismatch';

/**
 * The device registry of the partitions this replica owns: one record per device, fed by status,
 * presence, the offline sweep, step timers and commands. Every change goes through a pure
 * decision; this class only stores the new record and performs the decision's effects.
 */
@Injectable()
export class DevicesService implements OnModuleDestroy {
  private readonly records = new Map<string, DeviceRecord>();
  private readonly timers = new StepTimers();
  private readonly meters: RateMeters;
  /** One id generator for every decision: building a closure per status message is avoidable garbage. */
  private readonly newId = (): string => nuid.next();

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publisher: StatePublisher,
    private readonly alarms: AlarmsService,
    private readonly metrics: MetricsService,
    private readonly link: NatsLink,
  ) {
    // State published while the broker was away is lost; republishing every state after a
    // reconnect lets gateways and other watchers catch up without waiting for a transition.
    // Twice, because subscribers reconnect at their own pace.
    link.onReconnect(() => {
      this.republishStates();
      setTimeout(() => this.republishStates(), REPUBLISH_AGAIN_MS).unref();
    });
    this.meters = new RateMeters({ windowMs: config.slowWindowMs, ratio: config.slowRatio });
  }

  /**
   * Takes over stored devices (their partition became this replica's): restores each, resumes
   * timed steps, brings alarms in line with the restored states, and publishes each state so
   * that watchers hear from the new owner without waiting for a transition.
   */
  adopt(stored: readonly DeviceState[], origin: RestoreOrigin): void {
    const ctx = this.context();
    for (const state of stored) {
      const spec = getDeviceKind(state.kind);
      if (spec) this.apply(state.deviceId, restore(spec, state, ctx, origin));
    }
    for (const state of stored) {
      const record = this.records.get(state.deviceId);
      if (!record) continue;
      this.updateAlarms(state.deviceId, record);
      this.publisher.publishState(record.state);
    }
    this.logger.info({ devices: stored.length, origin }, 'device states restored');
  }

  /** Forgets the devices `owned` selects (their partition left this replica), with their timers. */
  release(owned: (deviceId: string) => boolean): string[] {
    const released: string[] = [];
    for (const deviceId of this.records.keys()) {
      if (!owned(deviceId)) continue;
      this.records.delete(deviceId);
      this.timers.cancel(deviceId);
      this.meters.forget(deviceId);
      released.push(deviceId);
    }
    return released;
  }

  /** The current state of every device the replica owns, for a snapshot. */
  ownedStates(): Map<string, DeviceState> {
    return new Map([...this.records].map(([deviceId, record]) => [deviceId, record.state]));
  }

  onModuleDestroy(): void {
    this.timers.cancelAll();
  }

  /** Inputs of a decision taken now. */
  context(): DecisionContext {
    return { now: Date.now(), newId: this.newId, stepMs: this.config.stepMs };
  }

  get(deviceId: string): DeviceRecord | undefined {
    return this.records.get(deviceId);
  }

  /** The kind spec of a known device. */
  specOf(record: DeviceRecord): DeviceKindSpec | undefined {
    return getDeviceKind(record.state.kind);
  }

  /** Publishes every known device's current state again (after a broker reconnect). */
  republishStates(): void {
    for (const record of this.records.values()) this.publisher.publishState(record.state);
    this.logger.info({ devices: this.records.size }, 'states republished after reconnect');
  }

  /** Hot path: one status message, already validated against its subject. */
  handleStatus(status: DeviceStatus): StatusRejection | undefined {
    const ctx = this.context();
    let record = this.records.get(status.deviceId);
    if (record && record.state.kind !== status.kind) return 'kind-mismatch';
    this.metrics.countStatus();
    this.meters.hit(status.deviceId, status.link, status.counters, ctx.now);
    if (!record) {
      record = newRecord(status.deviceId, status.kind, DEFAULT_STATUS_HZ, ctx.now);
      this.performAll(announce(record.state));
    }
    const spec = getDeviceKind(status.kind);
    if (spec) {
      this.apply(status.deviceId, onStatus(spec, record, status, ctx));
      this.alarms.readings(status.deviceId, spec, status.readings);
    }
    return undefined;
  }

  handlePresence(presence: Presence): void {
    const ctx = this.context();
    const record = this.records.get(presence.deviceId);
    if (presence.type === 'birth') {
      this.apply(presence.deviceId, onBirth(record, presence, ctx.now));
      this.logger.info({ deviceId: presence.deviceId, kind: presence.kind, host: presence.host }, 'agent birth');
      return;
    }
    const spec = record && this.specOf(record);
    if (record && spec) this.apply(presence.deviceId, onGoodbye(spec, record, presence, ctx));
  }

  /**
   * Marks silent devices Offline and closes due rate windows (slow devices); called by the sweep
   * timer. `heardUpTo`: every status received before it has been handled, so silence is judged up
   * to it, not beyond.
   */
  sweep(heardUpTo = Date.now()): void {
    // Deaf to the broker: no device can be judged silent until the transport hears again.
    if (!this.link.hearing) return this.alarms.tick();
    const ctx = this.context();
    for (const [deviceId, record] of this.records) {
      const spec = this.specOf(record);
      if (spec) this.apply(deviceId, onSweep(spec, record, this.config.offlinePeriods, ctx, { since: this.link.hearingSince, upTo: heardUpTo }));
      const current = this.records.get(deviceId) ?? record;
      const window = this.meters.tick(current.state, ctx.now);
      if (!window) continue;
      if (window.slowChanged) this.updateAlarms(deviceId, current);
      this.metrics.setDevice(deviceId, {
        statusRateHz: window.rateHz,
        linkUp: window.link === 'up',
        agentReconnects: window.counters.reconnects,
        agentTimeouts: window.counters.timeouts,
      });
    }
    this.alarms.tick();
  }

  /**
   * Stores a decision's record and performs its effects, in order. Alarms are re-evaluated only
   * when the state or the link changed, which keeps the status hot path to two comparisons.
   */
  apply(deviceId: string, decision: Decision): void {
    const before = this.records.get(deviceId);
    this.records.set(deviceId, decision.record);
    this.performAll(decision.effects);
    const after = decision.record.state;
    if (before?.state.state !== after.state || before.state.link !== after.link) this.updateAlarms(deviceId, decision.record);
  }

  private updateAlarms(deviceId: string, record: DeviceRecord): void {
    this.alarms.update(deviceId, deviceConditions(record.state, this.meters.slow(deviceId)));
  }

  /** Performs effects that change no record, e.g. the event of a command refused for an unknown device. */
  performAll(effects: readonly Effect[]): void {
    for (const effect of effects) this.perform(effect);
  }

  private perform(effect: Effect): void {
    switch (effect.type) {
      case 'publishState':
        return this.publisher.publishState(effect.state);
      case 'persist':
        return this.publisher.persist(effect.state);
      case 'publishEvent':
        if (effect.event.type === 'transition') this.metrics.transitions.inc();
        return this.publisher.publishEvent(effect.event);
      case 'startTimer':
        return this.timers.start(effect.deviceId, effect.deadline, () => this.stepDeadline(effect.deviceId, effect.step));
      case 'cancelTimer':
        return this.timers.cancel(effect.deviceId);
    }
  }

  private stepDeadline(deviceId: string, step: string): void {
    const record = this.records.get(deviceId);
    const spec = record && this.specOf(record);
    if (record && spec) this.apply(deviceId, onStepDeadline(spec, record, step, this.context()));
  }
}
