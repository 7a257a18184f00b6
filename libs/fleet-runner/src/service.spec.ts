import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceStartError, isReadyLine, startService, type ServiceDeath } from './service';

function script(body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fleet-runner-')), 'main.js');
  writeFileSync(file, body);
  return file;
}

describe('service - ready line', () => {
  it('recognises only a JSON log line whose msg is ready', () => {
    expect(isReadyLine('{"level":30,"msg":"ready","port":8080}')).toBe(true);
    expect(isReadyLine('{"level":30,"msg":"not ready"}')).toBe(false);
    expect(isReadyLine('ready')).toBe(false);
    expect(isReadyLine('{"msg":"ready"')).toBe(false);
  });
});

describe('service - lifecycle', () => {
  const readyThenWait = script(
    `process.on('SIGTERM', () => process.exit(0));
     setInterval(() => {}, 1000);
     console.log(JSON.stringify({ msg: 'ready' }));`,
  );

  it('waits for ready, stops cleanly, and restarts', async () => {
    const lines: string[] = [];
    const service = await startService(
      { name: 'probe', entry: readyThenWait, args: [] },
      { onLine: (_name, line) => lines.push(line) },
    );
    expect(service.running()).toBe(true);
    expect(lines).toContain('{"msg":"ready"}');
    const firstPid = service.pid();
    expect(await service.stop()).toBe(0);
    expect(service.running()).toBe(false);
    await service.restart();
    expect(service.running()).toBe(true);
    expect(service.pid()).not.toBe(firstPid);
    await service.kill();
    expect(service.running()).toBe(false);
  });

  it('reports a process that dies before it is ready, with its last output', async () => {
    const dies = script(`console.error('bad config: port'); process.exit(2);`);
    await expect(startService({ name: 'dies', entry: dies, args: [] })).rejects.toThrow(ServiceStartError);
    await expect(startService({ name: 'dies', entry: dies, args: [] })).rejects.toThrow(/code 2[\s\S]*bad config: port/);
  });

  it('gives up on a process that never says ready', async () => {
    const silent = script(`setInterval(() => {}, 1000);`);
    await expect(startService({ name: 'silent', entry: silent, args: [] }, { readyTimeoutMs: 300 })).rejects.toThrow(
      /did not log "ready" within 300 ms/,
    );
  });
});

describe('service - supervision', () => {
  const readyThenWait = script(
    `process.on('SIGTERM', () => process.exit(0));
     setInterval(() => {}, 1000);
     console.log(JSON.stringify({ msg: 'ready' }));`,
  );
  const policy = { firstDelayMs: 50, maxDelayMs: 400, stableRunMs: 10_000, crashLoopDeaths: 3 };

  async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('restarts a process killed from outside, reporting the signal once, and not after stop', async () => {
    const deaths: ServiceDeath[] = [];
    const readies: number[] = [];
    const service = await startService(
      { name: 'probe', entry: readyThenWait, args: [] },
      { supervise: { policy, onDeath: (d) => deaths.push(d) }, onLine: (_n, line) => isReadyLine(line) && readies.push(Date.now()) },
    );
    const firstPid = service.pid();
    if (firstPid === undefined) throw new Error('no pid');
    process.kill(firstPid, 'SIGKILL');
    await until(() => readies.length === 2);
    expect(deaths).toEqual([expect.objectContaining({ service: 'probe', code: null, signal: 'SIGKILL', restartInMs: 50, quickDeaths: 1, crashLoop: false })]);
    expect(service.running()).toBe(true);
    expect(service.pid()).not.toBe(firstPid);
    expect(await service.stop()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect({ deaths: deaths.length, running: service.running() }).toEqual({ deaths: 1, running: false });
  });

  it('backs off a process that keeps crashing and calls it a crash loop, until it is stopped', async () => {
    const crashes = script(`console.log(JSON.stringify({ msg: 'ready' })); setTimeout(() => process.exit(3), 20);`);
    const deaths: ServiceDeath[] = [];
    const service = await startService({ name: 'crasher', entry: crashes, args: [] }, { supervise: { policy, onDeath: (d) => deaths.push(d) } });
    await until(() => deaths.length >= 5);
    await service.stop();
    const seen = deaths.length;
    expect(deaths.slice(0, 5).map((d) => [d.code, d.restartInMs, d.crashLoop])).toEqual([
      [3, 50, false],
      [3, 100, false],
      [3, 200, true],
      [3, 400, true],
      [3, 400, true],
    ]);
    await new Promise((r) => setTimeout(r, 600));
    expect(deaths).toHaveLength(seen);
  });

  it('reports a restart that never says ready, and leaves a deliberate kill dead', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'fleet-runner-')), 'started');
    // Ready on its first run only: each later run stays silent.
    const readyOnce = script(
      `const fs = require('node:fs');
       setInterval(() => {}, 1000);
       if (!fs.existsSync(${JSON.stringify(marker)})) { fs.writeFileSync(${JSON.stringify(marker)}, ''); console.log(JSON.stringify({ msg: 'ready' })); }`,
    );
    const deaths: ServiceDeath[] = [];
    const service = await startService(
      { name: 'once', entry: readyOnce, args: [] },
      { readyTimeoutMs: 300, supervise: { policy, onDeath: (d) => deaths.push(d) } },
    );
    const pid = service.pid();
    if (pid === undefined) throw new Error('no pid');
    process.kill(pid, 'SIGKILL');
    await until(() => deaths.length >= 2);
    expect(deaths[1]).toEqual(expect.objectContaining({ signal: 'SIGKILL', reason: 'did not log "ready" within 300 ms' }));
    await service.kill();
    const seen = deaths.length;
    await new Promise((r) => setTimeout(r, 600));
    expect({ deaths: deaths.length, running: service.running() }).toEqual({ deaths: seen, running: false });
  });

  it('leaves an unsupervised process dead', async () => {
    const service = await startService({ name: 'plain', entry: readyThenWait, args: [] });
    const pid = service.pid();
    if (pid === undefined) throw new Error('no pid');
    process.kill(pid, 'SIGKILL');
    await until(() => !service.running());
    await new Promise((r) => setTimeout(r, 300));
    expect(service.running()).toBe(false);
  });
});

describe('service - process group', () => {
  const readyThenWait = script(
    `process.on('SIGTERM', () => process.exit(0));
     setInterval(() => {}, 1000);
     console.log(JSON.stringify({ msg: 'ready' }));`,
  );

  /** Process group of `pid` (field 5 of /proc/<pid>/stat; the command name before it may hold spaces). */
  function processGroup(pid: number): number {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  }

  it('runs a process in its own group only when asked, so that a terminal Ctrl-C reaches the caller alone', async () => {
    const own = await startService({ name: 'own', entry: readyThenWait, args: [] }, { ownProcessGroup: true });
    const shared = await startService({ name: 'shared', entry: readyThenWait, args: [] });
    try {
      const ownPid = own.pid() ?? -1;
      expect(processGroup(ownPid)).toBe(ownPid);
      expect(processGroup(shared.pid() ?? -1)).toBe(processGroup(process.pid));
    } finally {
      await Promise.all([own.stop(), shared.stop()]);
    }
  });
});
