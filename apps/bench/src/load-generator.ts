import { startupConfig } from '@fleet/app-config';
import { subjects, type DeviceStatus, type PresenceBirth } from '@fleet/contracts';
import { startupNatsAuth } from '@fleet/nats-auth';
import { connect } from '@nats-io/transport-node';
import { hostname } from 'node:os';
import { LOAD_GENERATOR_SCHEMA, loadGeneratorConfig } from './load-generator-config';

const TICK_MS = 10;

/**
 * Synthetic load: publishes valid camera status for N virtual devices at `hz` straight to NATS,
 * spread evenly over each period, with a presence birth per device first. No agents, no
 * hardware: it finds the ceilings of the controller and the gateway.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = startupConfig(LOAD_GENERATOR_SCHEMA, argv, () => loadGeneratorConfig(argv, process.env));
  const nc = await connect({ servers: config.natsUrl, ...startupNatsAuth('bench-load', config.natsAuth), maxReconnectAttempts: -1 });
  const ids = Array.from({ length: config.devices }, (_, i) => `${config.prefix}-${String(i + 1).padStart(5, '0')}`);
  for (const deviceId of ids) {
    const birth: PresenceBirth = {
      type: 'birth', deviceId, kind: 'camera', statusHz: config.hz, version: 'load', pid: process.pid, host: hostname(), ts: Date.now(),
    };
    nc.publish(subjects.devicePresence(deviceId), JSON.stringify(birth));
  }
  await nc.flush();
  const seqs = new Array<number>(ids.length).fill(0);
  let published = 0;
  const periodMs = 1000 / config.hz;
  const perTick = ids.length / (periodMs / TICK_MS);
  let cursor = 0;
  let carry = 0;
  const timer = setInterval(() => {
    carry += perTick;
    const n = Math.floor(carry);
    carry -= n;
    const ts = Date.now();
    for (let k = 0; k < n; k++) {
      const i = cursor;
      cursor = (cursor + 1) % ids.length;
      const deviceId = ids[i] ?? '';
      seqs[i] = (seqs[i] ?? 0) + 1;
      const status: DeviceStatus = {
        deviceId, kind: 'camera', seq: seqs[i] ?? 0, ts, link: 'up', hwState: 'idle',
        readings: { exposingTime: null }, counters: { polls: seqs[i] ?? 0, timeouts: 0, reconnects: 0, skippedPolls: 0 },
      };
      nc.publish(subjects.deviceStatus(deviceId), JSON.stringify(status));
      published++;
    }
  }, TICK_MS);
  const stop = (): void => {
    clearInterval(timer);
    console.log(JSON.stringify({ msg: 'stopped', published }));
    void nc.drain().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(JSON.stringify({ msg: 'ready', devices: ids.length, hz: config.hz }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
