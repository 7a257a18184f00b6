import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { CHROMIUM_PATH, INSTALL_CHROMIUM, INSTALL_NATS_SERVER, MIN_NODE, main, minNodeFromEngines, missingPrereqs } from '../../../tools/check-prereqs.js';

const SCRIPT = join(__dirname, '..', '..', '..', 'tools', 'check-prereqs.js');

/** A machine where exactly `paths` are executables. */
function machine(...paths: string[]): (path: string) => boolean {
  const present = new Set(paths);
  return (path) => present.has(path);
}

const minNode: [number, number] = [20, 19];
const bare = { env: { PATH: '/usr/local/bin:/usr/bin:/bin' }, isExecutable: machine(), nodeVersion: 'v20.19.0', minNode };

describe('check-prereqs - what is missing', () => {
  it('names nats-server and chromium with their install commands on a machine with only Node', () => {
    const missing = missingPrereqs('test', bare);
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^nats-server is missing .*: install it with `sudo apt-get install -y nats-server`$/);
    expect(missing[1]).toBe(`chromium is missing (the browser tests run /usr/bin/chromium): install it with \`${INSTALL_CHROMIUM}\``);
  });

  it('asks npm start for nats-server only, and for none when it is given a broker', () => {
    expect(missingPrereqs('start', bare)).toEqual([expect.stringContaining(INSTALL_NATS_SERVER)]);
    expect(missingPrereqs('start', bare)[0]).toContain('or point NATS_URL at a NATS server');
    expect(missingPrereqs('start', { ...bare, env: { ...bare.env, NATS_URL: 'nats://broker:4222' } })).toEqual([]);
    expect(missingPrereqs('start', { ...bare, argv: ['--cameras', '1', '--nats-url', 'nats://broker:4222'] })).toEqual([]);
    expect(missingPrereqs('start', { ...bare, argv: ['--nats-url=nats://broker:4222'] })).toEqual([]);
  });

  it('still needs nats-server for npm test when NATS_URL is set: the tests start their own brokers', () => {
    const missing = missingPrereqs('test', { ...bare, env: { ...bare.env, NATS_URL: 'nats://broker:4222' }, isExecutable: machine(CHROMIUM_PATH) });
    expect(missing).toEqual([expect.stringContaining(INSTALL_NATS_SERVER)]);
  });

  it('finds nats-server on PATH or where Debian installs it', () => {
    const installed = { ...bare, isExecutable: machine('/opt/nats/bin/nats-server', CHROMIUM_PATH) };
    expect(missingPrereqs('test', { ...installed, env: { PATH: '/usr/bin:/opt/nats/bin' } })).toEqual([]);
    expect(missingPrereqs('test', { ...installed, env: { PATH: '/usr/bin' } })).toEqual([expect.stringContaining('nats-server is missing')]);
    expect(missingPrereqs('test', { ...bare, env: {}, isExecutable: machine('/usr/sbin/nats-server', CHROMIUM_PATH) })).toEqual([]);
  });

  it('wants the Chromium the browser tests run, not one elsewhere on PATH', () => {
    const missing = missingPrereqs('test', { ...bare, env: { PATH: '/opt/chromium' }, isExecutable: machine('/usr/sbin/nats-server', '/opt/chromium/chromium') });
    expect(missing).toEqual([expect.stringContaining('chromium is missing')]);
  });

  it('refuses a Node.js older than the workspace supports', () => {
    const installed = { ...bare, isExecutable: machine('/usr/sbin/nats-server', CHROMIUM_PATH) };
    expect(missingPrereqs('start', { ...installed, nodeVersion: 'v20.18.3' })).toEqual([expect.stringMatching(/^Node\.js 20\.19 or newer is needed, this is v20\.18\.3/)]);
    expect(missingPrereqs('start', { ...installed, nodeVersion: 'v19.20.0' })).toHaveLength(1);
    expect(missingPrereqs('start', { ...installed, nodeVersion: 'v22.1.0' })).toEqual([]);
  });

  it('takes the oldest Node.js from the root package.json engines', () => {
    const engines: unknown = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const range = typeof engines === 'object' && engines !== null && 'engines' in engines ? JSON.stringify(engines.engines) : '';
    expect(MIN_NODE).toBeDefined();
    expect(range).toContain(`>=${MIN_NODE?.join('.')}`);
    expect(minNodeFromEngines('>=24.3')).toEqual([24, 3]);
    expect(minNodeFromEngines('^20')).toBeUndefined();
  });
});

describe('check-prereqs - command line', () => {
  it('prints one line per missing prerequisite and exits 1', () => {
    const printed: string[] = [];
    expect(main(['test'], { ...bare, error: (line) => printed.push(line) })).toBe(1);
    expect(printed).toEqual(missingPrereqs('test', bare));
  });

  it('passes silently with exit 0 when npm start is given a broker, whatever the machine has', () => {
    const run = spawnSync(process.execPath, [SCRIPT, 'start', '--nats-url', 'nats://127.0.0.1:1'], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('names its usage, without a stack trace, when the task is unknown', () => {
    const run = spawnSync(process.execPath, [SCRIPT, 'deploy'], { env: {}, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: 'usage: node tools/check-prereqs.js test|start [flags]\n' });
  });
});
