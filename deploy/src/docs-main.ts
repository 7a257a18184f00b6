import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigReference, renderMetricsList } from './config-reference';
import { renderNatsConfigMap, renderPartitionsConf } from './nats-config';
import { scrapeAll } from './scrape';
import { NATS_CONFIGMAP, PARTITIONS_CONF, README } from './paths';
import { writeSection } from './readme-sections';

/**
 * `npm run docs:deploy`: rewrites the README's generated sections, the configuration reference
 * from the apps' config loaders and the metrics list from a scrape of the real apps, and the
 * broker's partition mapping (`deploy/nats/fleet-partitions.conf` and its Kubernetes ConfigMap)
 * from the contracts.
 */
async function main(): Promise<void> {
  const metrics = await scrapeAll();
  let readme = readFileSync(README, 'utf8');
  readme = writeSection(readme, 'config-reference', renderConfigReference());
  readme = writeSection(readme, 'metrics', renderMetricsList(metrics));
  writeFileSync(README, readme);
  process.stdout.write('README.md: configuration reference and metrics list rewritten\n');
  const conf = renderPartitionsConf();
  mkdirSync(path.dirname(PARTITIONS_CONF), { recursive: true });
  writeFileSync(PARTITIONS_CONF, conf);
  writeFileSync(NATS_CONFIGMAP, renderNatsConfigMap(conf));
  process.stdout.write(`${path.relative(process.cwd(), PARTITIONS_CONF)}, ${path.relative(process.cwd(), NATS_CONFIGMAP)}: partition mapping rewritten\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`docs:deploy: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
