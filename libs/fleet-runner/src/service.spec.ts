import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceStartError, isReadyLine, startService } from './service';

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
