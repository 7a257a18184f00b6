import { subjects } from '@fleet/contracts';
import type { Logger } from 'pino';
import { handleCommand } from './command-handler';
import type { AgentConfig } from './config';
import { DeviceLink } from './device-link';
import { unknownReadings, type Readings } from './drivers/driver';
import { drivers } from './drivers/registry';
import { startBus } from './nats-bus';
import { PollScheduler } from './poll-scheduler';
import { birthMessage, goodbyeMessage } from './presence';
import { StatusPublisher } from './status-publisher';
import { appVersion } from './version';

/** A running agent. */
export interface Agent {
  /** Says goodbye, stops polling, drains NATS and closes the device link, within `timeoutMs`. */
  stop(reason: string, timeoutMs: number): Promise<void>;
}

/** Logs the first few bad inputs, then one in a thousand: hostile input must not flood the logs. */
function shouldLog(count: number): boolean {
  return count <= 10 || count % 1000 === 0;
}

/**
 * Starts the agent for one device: poll loop, status publishing, presence and commands. Nothing
 * here waits for the device or the broker; the first status is published at the first tick.
 */
export function startAgent(config: AgentConfig, log: Logger): Agent {
  const { deviceId, kind } = config;
  const driver = drivers[kind];
  const spec = driver.spec;
  const version = appVersion();
  const link = new DeviceLink({
    host: config.deviceHost,
    port: config.devicePort,
    requestTimeoutMs: config.requestTimeoutMs,
    log,
  });
  let hwState: string | null = null;
  let readings: Readings = unknownReadings(spec);
  let polls = 0;
  let badCommands = 0;

  const bus = startBus({
    url: config.natsUrl,
    name: `device-agent ${deviceId}`,
    log,
    onConnected: (nc, first) => {
      bus.publish(subjects.devicePresence(deviceId), JSON.stringify(birthMessage(deviceId, kind, config.statusHz, version)));
      statuses.flush();
      if (!first) return;
      // Subscriptions survive reconnects in nats.js, so subscribe once.
      nc.subscribe(subjects.deviceCommand(deviceId), {
        callback: (err, msg) => {
          if (err) return void log.warn({ err }, 'command subscription error');
          void handleCommand(msg.string(), { spec, link, lastSeq: () => statuses.lastSeq }).then((outcome) => {
            if (outcome.invalid && shouldLog(++badCommands)) {
              log.warn({ badCommands, error: outcome.reply.ok ? undefined : outcome.reply.error }, 'bad command request');
            }
            if (!msg.reply) return;
            try {
              msg.respond(JSON.stringify(outcome.reply));
            } catch (respondErr) {
              log.warn({ err: respondErr }, 'cannot reply to command');
            }
          });
        },
      });
    },
  });
  const statuses = new StatusPublisher(bus, subjects.deviceStatus(deviceId));

  const poll = async (): Promise<void> => {
    if (!link.isUp) return;
    polls++;
    const result = await driver.poll(link);
    hwState = result?.hwState ?? null;
    readings = result?.readings ?? unknownReadings(spec);
  };
  const publish = (): void => {
    const up = link.isUp;
    const reason = link.downReason;
    statuses.publish({
      deviceId,
      kind,
      link: up ? 'up' : 'down',
      ...(reason === undefined ? {} : { linkReason: reason.slice(0, 200) }),
      hwState: up ? hwState : null,
      readings: up ? readings : unknownReadings(spec),
      counters: {
        polls,
        timeouts: link.counters.timeouts,
        reconnects: link.counters.reconnects,
        skippedPolls: scheduler.skipped,
      },
    });
  };
  const scheduler = new PollScheduler(1000 / config.statusHz, poll, publish, (err) =>
    log.error({ err }, 'poll tick failed'),
  );

  link.start();
  scheduler.start();

  return {
    async stop(reason, timeoutMs) {
      scheduler.stop();
      bus.publish(subjects.devicePresence(deviceId), JSON.stringify(goodbyeMessage(deviceId, reason)));
      link.close();
      await bus.close(timeoutMs);
    },
  };
}
