import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { SimFaultRequestSchema, subjects, type SimFaultReply } from '@fleet/contracts';
import type { NatsAuthOptions } from '@fleet/nats-auth';
import type { Logger } from 'pino';
import type { Simulator } from './simulator';

/** The NATS control interface of a running simulator. */
export interface FaultControl {
  close(): Promise<void>;
}

/** Logs the first few bad requests of a source, then one in a thousand. */
function shouldLog(count: number): boolean {
  return count <= 3 || count % 1000 === 0;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `<deviceId>` token of `fleet.v1.sim.<deviceId>.fault`. */
function deviceIdOf(subject: string): string {
  return subject.split('.')[3] ?? '';
}

/**
 * Serves `fleet.v1.sim.<deviceId>.fault` (request/reply, `SimFaultRequest` -> `SimFaultReply`)
 * for every device of `sim`, through one wildcard subscription so that 1,000 devices cost one.
 * Connects in the background and retries forever: the simulator serves devices with or without
 * a broker.
 */
export function startFaultControl(sim: Simulator, natsUrl: readonly string[], auth: NatsAuthOptions, log: Logger): FaultControl {
  let nc: NatsConnection | null = null;
  let closing = false;
  const badBySource = new Map<string, number>();

  const handle = async (msg: Msg): Promise<void> => {
    const deviceId = deviceIdOf(msg.subject);
    const parsed = SimFaultRequestSchema.safeParse(parseJson(msg.string()));
    let reply: SimFaultReply;
    if (parsed.success) {
      reply = await sim.fault(deviceId, parsed.data);
    } else {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      reply = { ok: false, error: `invalid fault request: ${issues}`.slice(0, 500) };
      const count = (badBySource.get(deviceId) ?? 0) + 1;
      badBySource.set(deviceId, count);
      if (shouldLog(count)) log.warn({ deviceId, count, error: reply.error }, 'bad fault request');
    }
    if (!msg.reply) return;
    try {
      msg.respond(JSON.stringify(reply));
    } catch (err) {
      log.warn({ err, deviceId }, 'cannot reply to fault request');
    }
  };

  connect({ servers: [...natsUrl], ...auth, name: 'device-sim', maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: true }).then(
    (conn) => {
      if (closing) return void conn.close();
      nc = conn;
      log.info({ server: conn.getServer(), subject: subjects.simFault('*') }, 'fault control connected');
      conn.subscribe(subjects.simFault('*'), {
        callback: (err, msg) => {
          if (err) return void log.warn({ err }, 'fault subscription error');
          void handle(msg);
        },
      });
    },
    (err: unknown) => log.error({ err }, 'fault control cannot connect'),
  );

  return {
    async close() {
      closing = true;
      await nc?.close().catch(() => undefined);
    },
  };
}
