import { Inject, Injectable } from '@nestjs/common';
import type { ControlCommand, ControlCommandReply } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { DevicesService } from '../devices/devices.service';
import { LOGGER } from '../logger/logger.constants';
import { AgentClient } from './agent-client.service';
import { applyAgentResult, planCommand, refuse } from './command-logic';
import { DedupeCache } from './dedupe-cache';
import { KeyedQueue } from './keyed-queue';

/**
 * Executes operator commands: at most once per requestId, one at a time per device (commands to
 * different devices run concurrently), each decided from the device's state when its turn comes.
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
  ) {
    this.dedupe = new DedupeCache(config.dedupeMax, config.dedupeTtlMs);
  }

  /** The reply to `cmd`; a repeated requestId gets the first reply, even while that one is still running. */
  execute(cmd: ControlCommand): Promise<ControlCommandReply> {
    const known = this.dedupe.get(cmd.requestId);
    if (known) return known;
    const reply = this.queue.run(cmd.deviceId, () => this.run(cmd));
    this.dedupe.set(cmd.requestId, reply);
    // A crash is not an answer worth repeating: let a retry run again.
    reply.catch(() => this.dedupe.delete(cmd.requestId));
    return reply;
  }

  private async run(cmd: ControlCommand): Promise<ControlCommandReply> {
    const before = this.devices.get(cmd.deviceId);
    const plan = planCommand(before && this.devices.specOf(before), before, cmd);
    if (plan.outcome === 'refused') return this.commitRefusal(cmd, plan.reason);
    const result = await this.agent.send(cmd.deviceId, plan.request);
    // Status kept flowing while the agent worked: decide from the record as it is now.
    const current = this.devices.get(cmd.deviceId);
    const spec = current && this.devices.specOf(current);
    if (!current || !spec) return this.commitRefusal(cmd, `unknown device ${cmd.deviceId}`);
    const outcome = applyAgentResult(spec, current, cmd, result, this.devices.context());
    if (outcome.record) this.devices.apply(cmd.deviceId, { record: outcome.record, effects: outcome.effects });
    this.logger.info({ ...outcome.reply, deviceId: cmd.deviceId, command: cmd.command }, 'command handled');
    return outcome.reply;
  }

  private commitRefusal(cmd: ControlCommand, reason: string): ControlCommandReply {
    const outcome = refuse(this.devices.get(cmd.deviceId), cmd, reason, this.devices.context());
    this.devices.performAll(outcome.effects);
    this.logger.info({ ...outcome.reply, deviceId: cmd.deviceId, command: cmd.command }, 'command refused');
    return outcome.reply;
  }
}
