'use strict';
// Checks the system prerequisites of `npm test` and `npm start` before anything is built, so that a
// missing one stops the run at once with the command that installs it. Plain Node, no dependencies:
// it runs on a fresh clone. Usage: node tools/check-prereqs.js test|start [launcher flags...]

const { accessSync, constants, readFileSync } = require('node:fs');
const { delimiter, join } = require('node:path');

/** `[major, minor]` of a `>=X.Y` engines range; undefined for any other form. */
function minNodeFromEngines(range) {
  const match = /^>=\s*(\d+)\.(\d+)/.exec(range || '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** The oldest Node.js the workspace supports, from the root package.json `engines`, so that the two cannot drift. */
const MIN_NODE = minNodeFromEngines(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).engines?.node);

/** Where Debian's nats-server package puts the binary; the fleet also looks on PATH. */
const NATS_SERVER_LOCATIONS = ['/usr/sbin/nats-server'];
/** The one Chromium the browser tests run (apps/fleet-e2e/test/support/browser.ts): never a downloaded one. */
const CHROMIUM_PATH = '/usr/bin/chromium';

const INSTALL_NATS_SERVER = 'sudo apt-get install -y nats-server';
const INSTALL_CHROMIUM = 'sudo apt-get install -y chromium';

/** The npm scripts this checks for. */
const TASKS = ['test', 'start'];

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, searchPath) {
  return (searchPath || '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
}

function nodeIsTooOld(version, min) {
  if (!min) return false;
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major < min[0] || (major === min[0] && minor < min[1]);
}

/** True when `npm start` is given a broker (`--nats-url` or NATS_URL) and so starts none. */
function brokerGiven(argv, env) {
  return Boolean(env.NATS_URL) || argv.some((arg) => arg === '--nats-url' || arg.startsWith('--nats-url='));
}

/**
 * One message per missing prerequisite of `task`, each naming the command that installs it;
 * empty when everything is there.
 */
function missingPrereqs(task, options) {
  const env = options.env;
  const argv = options.argv || [];
  const isExecutable = options.isExecutable || isExecutableFile;
  const missing = [];
  const nodeVersion = options.nodeVersion || process.version;
  const minNode = options.minNode || MIN_NODE;
  if (nodeIsTooOld(nodeVersion, minNode)) {
    missing.push(`Node.js ${minNode.join('.')} or newer is needed, this is ${nodeVersion}: install a newer one (https://nodejs.org/en/download)`);
  }
  const needsNatsServer = task === 'test' || !brokerGiven(argv, env);
  if (needsNatsServer && ![...onPath('nats-server', env.PATH), ...NATS_SERVER_LOCATIONS].some(isExecutable)) {
    const instead = task === 'start' ? ' (or point NATS_URL at a NATS server with JetStream)' : '';
    missing.push(`nats-server is missing (not on PATH nor at ${NATS_SERVER_LOCATIONS.join(', ')}): install it with \`${INSTALL_NATS_SERVER}\`${instead}`);
  }
  if (task === 'test' && !isExecutable(CHROMIUM_PATH)) {
    missing.push(`chromium is missing (the browser tests run ${CHROMIUM_PATH}): install it with \`${INSTALL_CHROMIUM}\``);
  }
  return missing;
}

/** The command line: prints what is missing and returns the exit code (0 all there, 1 missing, 2 misuse). */
function main(args, options) {
  const [task, ...rest] = args;
  if (!TASKS.includes(task)) {
    options.error(`usage: node tools/check-prereqs.js ${TASKS.join('|')} [flags]`);
    return 2;
  }
  const missing = missingPrereqs(task, { ...options, argv: rest });
  for (const line of missing) options.error(line);
  return missing.length === 0 ? 0 : 1;
}

module.exports = { CHROMIUM_PATH, INSTALL_CHROMIUM, INSTALL_NATS_SERVER, MIN_NODE, NATS_SERVER_LOCATIONS, main, minNodeFromEngines, missingPrereqs };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), { env: process.env, error: (line) => console.error(line) });
}
