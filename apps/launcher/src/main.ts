import { DEV_OPERATOR_TOKEN, DEV_VIEWER_TOKEN, startFleet, type Fleet } from '@fleet/fleet-runner';
import { loadConfig } from './config';
import { describeFleet } from './fleet-summary';
import { formatLogLine } from './log-format';

function stopFleet(fleet: Fleet): void {
  fleet.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('error while stopping:', error);
      process.exit(1);
    },
  );
}

/** `npm start`: the whole local fleet, stopped by Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  const parsed = loadConfig(process.argv.slice(2), process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const config = parsed.data;

  // Installed before anything starts: a signal's default action would kill the launcher and leave
  // the broker and every app behind. One that arrives during the start stops the fleet once it is up.
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

  const natsNodes = config.natsUrl ? undefined : config.natsNodes;
  const planned = describeFleet({ controllers: config.controllers, partitions: config.partitions, natsNodes, natsServers: config.natsUrl ?? [] });
  console.log(`Starting the fleet: ${config.cameras} cameras, ${config.stages} stages, ${config.sensors} sensors, ${planned}...`);
  fleet = await startFleet({
    natsUrl: config.natsUrl?.join(','),
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
  });
  if (stopping) return stopFleet(fleet);
  const url = fleet.gatewayUrl.replace('127.0.0.1', 'localhost');
  const running = describeFleet({ controllers: fleet.controllers.length, partitions: config.partitions, natsNodes, natsServers: fleet.natsServers });
  console.log(`\nFleet Control is up: open ${url}  (${running}; Ctrl-C stops everything)`);
  console.log(`Log in with token ${DEV_OPERATOR_TOKEN} (operator) or ${DEV_VIEWER_TOKEN} (viewer).\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
