import { DEV_OPERATOR_TOKEN, DEV_VIEWER_TOKEN, startFleet } from '@fleet/fleet-runner';
import { loadConfig } from './config';
import { formatLogLine } from './log-format';

/** `npm start`: the whole local fleet, stopped by Ctrl-C or SIGTERM. */
async function main(): Promise<void> {
  const parsed = loadConfig(process.argv.slice(2), process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const config = parsed.data;
  console.log(`Starting the fleet: ${config.cameras} cameras, ${config.stages} stages, ${config.sensors} sensors${config.natsUrl ? `, broker ${config.natsUrl}` : ''}...`);
  const fleet = await startFleet({
    natsUrl: config.natsUrl,
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
  const url = fleet.gatewayUrl.replace('127.0.0.1', 'localhost');
  console.log(`\nFleet Control is up: open ${url}  (broker ${fleet.natsUrl}; Ctrl-C stops everything)`);
  console.log(`Log in with token ${DEV_OPERATOR_TOKEN} (operator) or ${DEV_VIEWER_TOKEN} (viewer).\n`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the fleet...`);
    fleet.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('error while stopping:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
