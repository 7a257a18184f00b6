import type { NatsConnection } from '@nats-io/transport-node';
import { subjects } from '@fleet/contracts/wire';
import type { Logger } from 'pino';
import { Backoff } from './backoff';
import { handleCommand } from './command-handler';
import type { DeviceConfig } from './device-list';
import { DeviceLink } from './device-link';
import { unknownReadings, type Readings } from './drivers/driver';
import { drivers } from './drivers/registry';
import type { Bus } from './nats-bus';
import { PollScheduler } from './poll-scheduler';
import { RequestMemory } from './request-memory';
import { birthMessage, goodbyeMessage } from './presence';
import { StatusPublisher } from './status-publisher';

/** Settings every device of one agent shares. */
export interface ActorSettings {
  readonly statusHz: number;
  readonly requestTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly version: string;
}

/** One device served by an agent: its own link, poll loop, status stream and command handler. */
export interface DeviceActor {
  readonly deviceId: string;
  /** Sends the birth and the status kept while away; subscribes to commands on the first connect. */
  onBusConnected(nc: NatsConnection, first: boolean): void;
  /** Stops polling, says goodbye (while the bus is still open) and closes the device link. */
  stop(reason: string): void;
}

/** Logs the first few bad inputs, then one in a thousand: hostile input must not flood the logs. */
function shouldLog(count: number): boolean {
  return count <= 10 || count % 1000 === 0;
}

/**
 * Starts serving one device. Its failures stay its own: a hung or garbage-speaking device only
 * ever marks its own link down, and nothing here throws into the shared bus or event loop.
 */
/** Longest wait for the first connect attempt before the first status is published anyway. */
const FIRST_STATUS_GRACE_MS = 300;
const FIRST_OUTCOME_CHECK_MS = 5;
/** The birth is sent again this long after each connect (see onBusConnected). */
const REBIRTH_AFTER_MS = 1000;

export function startDeviceActor(device: DeviceConfig, settings: ActorSettings, bus: Bus, log: Logger): DeviceActor {
  const { deviceId, kind } = device;
  const driver = drivers[kind];
  const spec = driver.spec;
  const link = new DeviceLink({
    host: device.deviceHost,
    port: device.devicePort,
    requestTimeoutMs: settings.requestTimeoutMs,
    backoff: new Backoff({ baseMs: settings.backoffBaseMs, capMs: settings.backoffCapMs, random: Math.random }),
    log,
  });
  const statuses = new StatusPublisher(bus, subjects.deviceStatus(deviceId));
  let hwState: string | null = null;
  let readings: Readings = unknownReadings(spec);
  let polls = 0;
  let badCommands = 0;
  const memory = new RequestMemory();

  const poll = async (): Promise<void> => {
    if (!link.isConnected) return;
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
      counters: { polls, timeouts: link.counters.timeouts, reconnects: link.counters.reconnects, skippedPolls: scheduler.skipped },
    });
  };
  const scheduler = new PollScheduler(1000 / settings.statusHz, poll, publish, (err) => log.error({ err }, 'poll tick failed'));

  const onCommand = (payload: string, respond: ((reply: string) => void) | undefined): void => {
    void handleCommand(payload, { spec, link, lastSeq: () => statuses.lastSeq, memory }).then((outcome) => {
      if (outcome.invalid && shouldLog(++badCommands)) log.warn({ badCommands, error: outcome.error }, 'bad command request');
      try {
        respond?.(JSON.stringify(outcome.reply));
      } catch (err) {
        log.warn({ err }, 'cannot reply to command');
      }
    });
  };

  link.start();
  // The first status should say what the link really is, not "connecting": start polling once
  // the first connect attempt has an outcome, or after a short grace (first status stays < 1 s).
  let stopped = false;
  let rebirth: NodeJS.Timeout | undefined;
  const graceEnds = Date.now() + FIRST_STATUS_GRACE_MS;
  const waitForFirstOutcome = setInterval(() => {
    if (stopped || !link.firstAttemptPending || Date.now() >= graceEnds) {
      clearInterval(waitForFirstOutcome);
      if (!stopped) scheduler.start();
    }
  }, FIRST_OUTCOME_CHECK_MS);

  return {
    deviceId,
    onBusConnected(nc, first) {
      const birth = (): void => {
        bus.publish(subjects.devicePresence(deviceId), JSON.stringify(birthMessage(deviceId, kind, settings.statusHz, settings.version)));
      };
      birth();
      statuses.flush();
      // Once more a little later: after a broker restart the controller reconnects at its own pace,
      // and a birth nobody heard leaves a restarted agent's low seq behind the controller's fence.
      clearTimeout(rebirth);
      rebirth = setTimeout(() => {
        if (!stopped) birth();
      }, REBIRTH_AFTER_MS);
      if (!first) return;
      // Subscriptions survive reconnects in nats.js, so subscribe once.
      nc.subscribe(subjects.deviceCommand(deviceId), {
        callback: (err, msg) => {
          if (err) return void log.warn({ err }, 'command subscription error');
          onCommand(msg.string(), msg.reply ? (reply) => msg.respond(reply) : undefined);
        },
      });
    },
    stop(reason) {
      stopped = true;
      clearInterval(waitForFirstOutcome);
      clearTimeout(rebirth);
      scheduler.stop();
      bus.publish(subjects.devicePresence(deviceId), JSON.stringify(goodbyeMessage(deviceId, reason)));
      link.close();
    },
  };
}
