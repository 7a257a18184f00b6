import { DeviceStatusSchema, subjects, type DeviceStatus } from '@fleet/contracts';
import { natsAuthOptions } from '@fleet/nats-auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { WARN_OR_WORSE, accepts, alive, childProcesses, cleanUp, exitCode, launch, pressCtrlC } from './support/launcher-run';

/** The target is 2 s on an idle machine; the bound doubles it for a CI host shared with other work. */
const BACK_WITHIN_MS = 4_000;
const VICTIM = 'camera-1';

/** Every valid status of `deviceId` from now on, in arrival order. */
function watchStatus(nc: NatsConnection, deviceId: string): { statuses: Array<DeviceStatus & { receivedAt: number }> } {
  const statuses: Array<DeviceStatus & { receivedAt: number }> = [];
  // The local broker maps each device subject into its partition: `...status.<partition>`.
  nc.subscribe(`${subjects.deviceStatus(deviceId)}.*`, {
    callback: (err, msg) => {
      if (err) return;
      const parsed = DeviceStatusSchema.safeParse(msg.json());
      if (parsed.success) statuses.push({ ...parsed.data, receivedAt: Date.now() });
    },
  });
  return { statuses };
}

async function until(check: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('launcher - supervision and Ctrl-C', () => {
  it('brings a SIGKILLed agent back with one log line, and stops everything on Ctrl-C without a warning', async () => {
    const run = launch(['--cameras', '2', '--stages', '0', '--port', '0'], { terminal: true });
    let nc: NatsConnection | undefined;
    try {
      const up = await run.waitFor(/Fleet Control is up/, 60_000);
      const url = /local broker (nats:\/\/127\.0\.0\.1:(\d+));/.exec(up);
      if (!url?.[1] || !url[2]) throw new Error(`no broker in: ${up}`);
      const key = (await run.waitFor(/--nats-nkey-file (\S+)/, 5_000)).match(/--nats-nkey-file (\S+)/)?.[1];
      if (!key) throw new Error('the launcher named no key for the automation identity');
      await expect(connect({ servers: url[1], maxReconnectAttempts: 0 })).rejects.toThrow(/Authorization/i);
      nc = await connect({ servers: url[1], ...natsAuthOptions({ nkeyFile: key }) });
      const { statuses } = watchStatus(nc, VICTIM);
      await until(() => statuses.some((s) => s.link === 'up'), 10_000, `${VICTIM} reporting with its link up`);

      const launcherPid = run.child.pid ?? -1;
      const victim = childProcesses(launcherPid).find((p) => p.command.includes(`--device-id ${VICTIM} `));
      if (!victim) throw new Error(`no agent process for ${VICTIM}`);
      const seenBefore = statuses.length;
      const killedAt = Date.now();
      process.kill(victim.pid, 'SIGKILL');
      // A new process counts its status messages from the start again: its first one breaks the sequence.
      const fresh = (): DeviceStatus | undefined => {
        const restartedAt = statuses.findIndex((s, i) => i >= seenBefore && s.seq <= (statuses[i - 1]?.seq ?? -1));
        return restartedAt < 0 ? undefined : statuses.slice(restartedAt).find((s) => s.link === 'up');
      };
      await until(() => fresh() !== undefined, BACK_WITHIN_MS, () => `${VICTIM} reporting again from a new agent (seq since the kill: ${statuses.slice(seenBefore).map((s) => `${s.seq}/${s.link}`).join(' ')})\n${run.lines.slice(-20).join('\n')}`);

      const deathLines = run.lines.filter((l) => / died \(/.test(l));
      expect(deathLines).toHaveLength(1);
      expect(deathLines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d launcher +WARN +agent ${VICTIM} died \\(signal SIGKILL\\) after .+; restarting it at \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\(in \\d+ ms\\)$`));
      const replacement = childProcesses(launcherPid).find((p) => p.command.includes(`--device-id ${VICTIM} `));
      expect(replacement?.pid).not.toBe(victim.pid);
      expect(Date.now() - killedAt).toBeLessThan(BACK_WITHIN_MS);

      await nc.close();
      nc = undefined;
      const children = childProcesses(launcherPid);
      expect(children.filter((p) => p.command.includes('nats-server'))).toHaveLength(1);
      // The run may log real warnings (a device answering slowly on a busy machine); the clean stop may not.
      const beforeStop = run.lines.length;
      pressCtrlC(run);
      expect(await exitCode(run.child)).toBe(0);
      expect(run.lines.at(-1)).toBe('Fleet stopped.');
      expect(run.lines.slice(beforeStop).filter((l) => WARN_OR_WORSE.test(l))).toEqual([]);
      expect(children.filter((p) => alive(p.pid))).toEqual([]);
      expect(await accepts(Number(url[2]))).toBe(false);
    } finally {
      await nc?.close();
      await cleanUp(run.child);
    }
  }, 90_000);
});
