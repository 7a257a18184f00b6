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
import { AGENT_UNREACHABLE_REASON, STORE_UNAVAILABLE_REASON, applyAgentResult, inDoubt, planCommand, refuse, reportResolved, type CommandOutcome } from './command-logic';
import { INTERRUPTED_DETAIL, commandKey, parseCommandRecord, type CommandRecord } from './command-record';
import { DedupeCache } from './dedupe-cache';
import { KeyedQueue } from './keyed-queue';

/**
 * How a command ended, for the metrics and for whether its reply may be replayed: `resolved` is
 * a command found pending or in doubt whose outcome the agent told.
 */
type Result = 'accepted' | 'refused' | 'unreachable' | 'in-doubt' | 'resolved' | 'replayed' | 'unavailable';

interface Handled {
  readonly reply: ControlCommandReply;
  readonly result: Result;
}

function resultOf(reply: ControlCommandReply): Result {
  if (reply.outcome === 'in-doubt') return 'in-doubt';
  if (reply.accepted) return 'accepted';
  return reply.reason === AGENT_UNREACHABLE_REASON ? 'unreachable' : 'refused';
}

/**
 * Executes operator commands: at most once per requestId (in memory, and in KV bucket
 * fleet_commands across restarts of the controller or the broker), one at a time per device
 * (commands to different devices run concurrently), each decided from the device's state when
 * its turn comes. A command whose reply was lost is answered "in doubt", never "refused", and a
 * retry asks the agent what became of it instead of running it again.
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
        // Nothing ran (store unreachable), or the outcome is unknown: a retry should look again.
        if (h.result === 'unavailable' || h.reply.outcome === 'in-doubt') this.dedupe.delete(cmd.requestId);
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

  /**
   * Claims the command's KV record atomically (pending), runs it, and stores the outcome. A record
   * someone else claimed is replayed when done, else resolved by asking the agent: a requestId
   * never runs twice, whichever replica gets the retry.
   */
  private async handle(cmd: ControlCommand): Promise<Handled> {
    const key = commandKey(cmd.requestId);
    const pending: CommandRecord = { status: 'pending', requestId: cmd.requestId, deviceId: cmd.deviceId, command: cmd.command, at: Date.now() };
    let claimed: boolean;
    let previous: CommandRecord | undefined;
    try {
      claimed = await this.store.create(COMMANDS_BUCKET, key, pending);
      if (!claimed) previous = parseCommandRecord(await this.store.get(COMMANDS_BUCKET, key), cmd.requestId);
    } catch (err) {
      this.logger.warn({ err: String(err), requestId: cmd.requestId }, 'command store unavailable');
      const outcome = inDoubt(this.devices.get(cmd.deviceId), cmd, '', this.devices.context(), STORE_UNAVAILABLE_REASON);
      return { reply: this.commit(cmd, outcome), result: 'unavailable' };
    }
    if (previous?.status === 'done') {
      this.logger.info({ requestId: cmd.requestId, deviceId: cmd.deviceId }, 'command replayed from store');
      return { reply: previous.reply, result: 'replayed' };
    }
    // An unreadable record was still claimed by someone, at a time unknown (0: "long ago").
    const sentAt = claimed ? pending.at : (previous?.at ?? 0);
    const handled = claimed ? await this.run(cmd) : await this.resolveUnsettled(cmd, previous, sentAt);
    const record: CommandRecord =
      handled.reply.outcome === 'in-doubt'
        ? { status: 'in-doubt', requestId: cmd.requestId, deviceId: cmd.deviceId, command: cmd.command, at: sentAt }
        : { status: 'done', requestId: cmd.requestId, reply: handled.reply };
    // Awaited so that a reply the caller saw is also the one a retry after a crash gets.
    await this.store.putNow(COMMANDS_BUCKET, key, record).catch((err: unknown) =>
      this.logger.warn({ err: String(err), requestId: cmd.requestId }, 'command reply not stored'),
    );
    return handled;
  }

  private async run(cmd: ControlCommand): Promise<Handled> {
    const before = this.devices.get(cmd.deviceId);
    const beforeSpec = before && this.devices.specOf(before);
    const plan = planCommand(beforeSpec, before, cmd);
    if (plan.outcome === 'refused' || !before || !beforeSpec) {
      const reason = plan.outcome === 'refused' ? plan.reason : `unknown device ${cmd.deviceId}`;
      return { reply: this.commit(cmd, refuse(before, cmd, reason, this.devices.context())), result: 'refused' };
    }
    const result = await this.agent.send(cmd.deviceId, plan.request);
    // Status kept flowing while the agent worked: decide from the record as it is now.
    const current = this.devices.get(cmd.deviceId);
    const spec = current && this.devices.specOf(current);
    if (!current || !spec) {
      // The partition was lost mid-call: the agent's answer stands; the new owner follows the
      // hardware from status, so only the command's event is published from here.
      const outcome = applyAgentResult(beforeSpec, before, cmd, result, this.devices.context());
      this.devices.performAll(outcome.effects.filter((e) => e.type === 'publishEvent' && e.event.type === 'command'));
      this.logger.warn({ requestId: cmd.requestId, deviceId: cmd.deviceId }, 'device left this replica during the command');
      this.log(cmd, outcome.reply);
      return { reply: outcome.reply, result: resultOf(outcome.reply) };
    }
    const outcome = applyAgentResult(spec, current, cmd, result, this.devices.context());
    if (outcome.record) this.devices.apply(cmd.deviceId, { record: outcome.record, effects: outcome.effects });
    this.log(cmd, outcome.reply);
    return { reply: outcome.reply, result: resultOf(outcome.reply) };
  }

  /** A command pending elsewhere or in doubt: the agent says what became of it; nothing is sent to the hardware. */
  private async resolveUnsettled(cmd: ControlCommand, previous: CommandRecord | undefined, sentAt: number): Promise<Handled> {
    const detail = previous?.status === 'in-doubt' ? "the agent's reply was lost" : INTERRUPTED_DETAIL;
    const result = await this.agent.resolve(cmd.deviceId, cmd.requestId, sentAt, detail);
    const reply = this.commit(cmd, reportResolved(this.devices.get(cmd.deviceId), cmd, result, this.devices.context()));
    return { reply, result: reply.outcome === 'in-doubt' ? 'in-doubt' : 'resolved' };
  }

  /** Performs an outcome that changes no record (its event) and logs it. */
  private commit(cmd: ControlCommand, outcome: CommandOutcome): ControlCommandReply {
    this.devices.performAll(outcome.effects);
    this.log(cmd, outcome.reply);
    return outcome.reply;
  }

  private log(cmd: ControlCommand, reply: ControlCommandReply): void {
    const fields = { ...reply, deviceId: cmd.deviceId, command: cmd.command, user: cmd.user };
    if (reply.outcome === 'in-doubt') this.logger.warn(fields, 'command in doubt');
    else this.logger.info(fields, reply.accepted ? 'command handled' : 'command refused');
  }
}
