import { startupConfig } from '@fleet/app-config';
import { DEV_OPERATOR_TOKEN, DEV_VIEWER_TOKEN, startFleet, type Fleet } from '@fleet/fleet-runner';
import { CONFIG_SCHEMA, loadConfig } from './config';
import { externalCredentials } from './external-credentials';
import { describeFleet } from './fleet-summary';
import { formatDeath } from './death-line';
import { formatLogLine } from './log-format';

function stopFleet(fleet: Fleet): void {
  fleet.stop().then(
    () => {
      console.log('Fleet stopped.');
      process.exit(0);
    },
    (error: unknown) => {
      console.error('error while stopping:', error);
      process.exit(1);
    },
  );
}

/** `npm start`: the whole local fleet, each app restarted when it dies, stopped by Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));

  // Installed before anything starts: a signal's default action would kill the launcher and leave
  // the broker and every app behind. One that arrives during the start stops the fleet once it is up.
  // The apps and the broker run in their own process groups, so a terminal's Ctrl-C (or hang-up)
  // reaches only this process, which stops the apps before the broker they drain into.
  let fleet: Fleet | undefined;
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the fleet...`);
    if (fleet) stopFleet(fleet);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));

  const natsNodes = config.natsUrl ? undefined : config.natsNodes;
  const planned = describeFleet({ controllers: config.controllers, partitions: config.partitions, natsNodes, natsServers: config.natsUrl ?? [] });
  console.log(`Starting the fleet: ${config.cameras} cameras, ${config.stages} stages, ${config.sensors} sensors, ${planned}...`);
  fleet = await startFleet({
    natsUrl: config.natsUrl?.join(','),
    credentials: externalCredentials(config.natsAuth, config.natsKeysDir),
    controllers: config.controllers,
    natsNodes: config.natsNodes,
    partitions: config.partitions,
    cameras: config.cameras,
    stages: config.stages,
    sensors: config.sensors,
    gatewayPort: config.port,
    statusHz: config.statusHz,
    stepMs: config.stepMs,
    searchPath: config.path,
    env: { FLEET_LOG_LEVEL: config.logLevel },
    onLine: (service, line) => console.log(formatLogLine(service, line)),
    supervise: { onDeath: (death) => console.log(formatDeath(death)) },
    ownProcessGroups: true,
  });
  if (stopping) return stopFleet(fleet);
  const url = fleet.gatewayUrl.replace('127.0.0.1', 'localhost');
  const running = describeFleet({ controllers: fleet.controllers.length, partitions: config.partitions, natsNodes, natsServers: fleet.natsServers });
  console.log(`\nFleet Control is up: open ${url}  (${running}; Ctrl-C stops everything)`);
  const automationKey = config.natsUrl ? undefined : fleet.authFiles('automation').nkeyFile;
  // A path, not the key: the broker refuses anonymous clients, so a tool of the operator's needs it.
  if (automationKey) console.log(`The broker is authenticated; your own NATS tools can use the automation identity: --nats-nkey-file ${automationKey}`);
  console.log(`Log in with token ${DEV_OPERATOR_TOKEN} (operator) or ${DEV_VIEWER_TOKEN} (viewer).\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
