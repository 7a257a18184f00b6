import { Inject, Injectable } from '@nestjs/common';
import type { ControlCommand, ControlCommandReply } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { DevicesService } from '../devices/devices.service';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { StateStoreService } from '../state-store/state-store.service';
import { COMMANDS_BUCKET } from '../state-store/state-store.constants';
import { AgentClient } from './agent-client.service';
import { AGENT_UNREACHABLE_REASON, applyAgentResult, planCommand, refuse } from './command-logic';
import { INTERRUPTED_REASON, commandKey, parseCommandRecord, type CommandRecord } from './command-record';
import { DedupeCache } from './dedupe-cache';
import { KeyedQueue } from './keyed-queue';

/** How a command ended, for the metrics and for whether its reply may be replayed. */
type Result = 'accepted' | 'refused' | 'unreachable' | 'replayed' | 'unavailable';

interface Handled {
  readonly reply: ControlCommandReply;
  readonly result: Result;
}

/**
 * Executes operator commands: at most once per requestId (in memory, and in KV bucket
 * fleet_commands across restarts of the controller or the broker), one at a time per device
 * (commands to different devices run concurrently), each decided from the device's state when
 * its turn comes.
 */
@Injectable()
export class CommandsService {
  private readonly queue = new KeyedQueue();
  private readonly dedupe: DedupeCache<Promise<ControlCommandReply>>;

  constructor(
    @Inject(CONFIG) config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly devices: DevicesService,
    private readonly agent: AgentClient,
    private readonly store: StateStoreService,
    private readonly metrics: MetricsService,
  ) {
    this.dedupe = new DedupeCache(config.dedupeMax, config.commandTtlMs);
  }

  /** The reply to `cmd`; a repeated requestId gets the first reply, even while that one is still running. */
  execute(cmd: ControlCommand): Promise<ControlCommandReply> {
    const known = this.dedupe.get(cmd.requestId);
    if (known) {
      this.metrics.commands.inc({ result: 'replayed' });
      return known;
    }
    const stopTimer = this.metrics.commandSeconds.startTimer();
    const handled = this.queue.run(cmd.deviceId, () => this.handle(cmd));
    const reply = handled.then((h) => h.reply);
    this.dedupe.set(cmd.requestId, reply);
    handled.then(
      (h) => {
        this.metrics.commands.inc({ result: h.result });
        if (h.result !== 'replayed') stopTimer();
        // The store was unreachable, so nothing ran: a retry should try again.
        if (h.result === 'unavailable') this.dedupe.delete(cmd.requestId);
      },
      // A crash is not an answer worth repeating: let a retry run again.
      () => this.dedupe.delete(cmd.requestId),
    );
    return reply;
  }

  /** Resolves once the commands already taken for the devices `owned` selects have finished (a partition handover). */
  settled(owned: (deviceId: string) => boolean): Promise<void> {
    return this.queue.settled(owned);
  }

  /** Consults the command's KV record, marks it pending, runs it, and stores the reply. */
  private async handle(cmd: ControlCommand): Promise<Handled> {
    const key = commandKey(cmd.requestId);
    let previous: CommandRecord | undefined;
    try {
      previous = parseCommandRecord(await this.store.get(COMMANDS_BUCKET, key), cmd.requestId);
      if (!previous) {
        const pending: CommandRecord = { status: 'pending', requestId: cmd.requestId, deviceId: cmd.deviceId, command: cmd.command, at: Date.now() };
        await this.store.putNow(COMMANDS_BUCKET, key, pending);
      }
    } catch (err) {
      this.logger.warn({ err: String(err), requestId: cmd.requestId }, 'command store unavailable');
      return { reply: this.commitRefusal(cmd, 'command store unavailable; nothing was sent, retry later'), result: 'unavailable' };
    }
    if (previous?.status === 'done') {
      this.logger.info({ requestId: cmd.requestId, deviceId: cmd.deviceId }, 'command replayed from store');
      return { reply: previous.reply, result: 'replayed' };
    }
    const handled = previous ? { reply: this.commitRefusal(cmd, INTERRUPTED_REASON), result: 'refused' as const } : await this.run(cmd);
    const done: CommandRecord = { status: 'done', requestId: cmd.requestId, reply: handled.reply };
    // Awaited so that a reply the caller saw is also the one a retry after a crash gets.
    await this.store.putNow(COMMANDS_BUCKET, key, done).catch((err: unknown) =>
      this.logger.warn({ err: String(err), requestId: cmd.requestId }, 'command reply not stored'),
    );
    return handled;
  }

  private async run(cmd: ControlCommand): Promise<Handled> {
    const before = this.devices.get(cmd.deviceId);
    const plan = planCommand(before && this.devices.specOf(before), before, cmd);
    if (plan.outcome === 'refused') return { reply: this.commitRefusal(cmd, plan.reason), result: 'refused' };
    const result = await this.agent.send(cmd.deviceId, plan.request);
    // Status kept flowing while the agent worked: decide from the record as it is now.
    const current = this.devices.get(cmd.deviceId);
    const spec = current && this.devices.specOf(current);
    if (!current || !spec) return { reply: this.commitRefusal(cmd, `unknown device ${cmd.deviceId}`), result: 'refused' };
    const outcome = applyAgentResult(spec, current, cmd, result, this.devices.context());
    if (outcome.record) this.devices.apply(cmd.deviceId, { record: outcome.record, effects: outcome.effects });
    this.logger.info({ ...outcome.reply, deviceId: cmd.deviceId, command: cmd.command, user: cmd.user }, 'command handled');
    const kind: Result = outcome.reply.accepted ? 'accepted' : outcome.reply.reason === AGENT_UNREACHABLE_REASON ? 'unreachable' : 'refused';
    return { reply: outcome.reply, result: kind };
  }

  private commitRefusal(cmd: ControlCommand, reason: string): ControlCommandReply {
    const outcome = refuse(this.devices.get(cmd.deviceId), cmd, reason, this.devices.context());
    this.devices.performAll(outcome.effects);
    this.logger.info({ ...outcome.reply, deviceId: cmd.deviceId, command: cmd.command, user: cmd.user }, 'command refused');
    return outcome.reply;
  }
}
