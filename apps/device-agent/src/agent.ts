import type { NatsAuthOptions } from '@fleet/nats-auth';
import type { Logger } from 'pino';
import type { AgentConfig } from './config';
import { startDeviceActor, type DeviceActor } from './device-actor';
import { startBus } from './nats-bus';
import { appVersion } from './version';

/** A running agent. */
export interface Agent {
  /** Says goodbye for every device, stops polling, closes the device links and drains NATS, within `timeoutMs`. */
  stop(reason: string, timeoutMs: number): Promise<void>;
}

/**
 * Starts the agent: one broker connection and one actor per configured device (one by default;
 * several in dense mode). Nothing here waits for a device or the broker: every actor publishes
 * its first status at its first tick, kept until the broker is reachable.
 */
export function startAgent(config: AgentConfig, auth: NatsAuthOptions, log: Logger): Agent {
  const dense = config.devices.length > 1;
  const actors: DeviceActor[] = [];
  const bus = startBus({
    servers: config.natsUrl,
    auth,
    name: dense ? `device-agent ${config.devices.length} devices` : `device-agent ${config.devices[0]?.deviceId ?? ''}`,
    log,
    onConnected: (nc, first) => {
      for (const actor of actors) actor.onBusConnected(nc, first);
    },
  });
  const settings = { ...config, version: appVersion() };
  for (const device of config.devices) {
    // In single-device mode the root logger already carries the deviceId.
    const actorLog = dense ? log.child({ deviceId: device.deviceId }) : log;
    actors.push(startDeviceActor(device, settings, bus, actorLog));
  }

  return {
    async stop(reason, timeoutMs) {
      for (const actor of actors) actor.stop(reason);
      await bus.close(timeoutMs);
    },
  };
}
