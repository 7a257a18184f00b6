import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigReference, renderMetricsList } from './config-reference';
import { brokerConfigFiles, renderNatsConfigMap } from './nats-config';
import { renderPermissionTable } from './permissions-doc';
import { scrapeAll } from './scrape';
import { NATS_CONFIGMAP, NATS_DIR, README, SECURITY_DOC } from './paths';
import { writeSection } from './readme-sections';

/**
 * `npm run docs:deploy`: rewrites the README's generated sections, the configuration reference
 * from the apps' config loaders and the metrics list from a scrape of the real apps, and the
 * broker's config (`deploy/nats/*.conf` and their Kubernetes ConfigMap) from the contracts, and
 * the permission table of docs/security.md from `@fleet/nats-auth`.
 */
async function main(): Promise<void> {
  // The files derived from code alone first: they do not wait on (or fail with) the scrape of the running apps.
  const files = brokerConfigFiles();
  mkdirSync(NATS_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(NATS_DIR, name), text);
  writeFileSync(NATS_CONFIGMAP, renderNatsConfigMap(files));
  process.stdout.write(`deploy/nats/*.conf, ${path.relative(process.cwd(), NATS_CONFIGMAP)}: broker config rewritten\n`);
  writeFileSync(SECURITY_DOC, writeSection(readFileSync(SECURITY_DOC, 'utf8'), 'permissions', renderPermissionTable()));
  process.stdout.write(`${path.relative(process.cwd(), SECURITY_DOC)}: permission table rewritten\n`);
  const metrics = await scrapeAll();
  let readme = readFileSync(README, 'utf8');
  readme = writeSection(readme, 'config-reference', renderConfigReference());
  readme = writeSection(readme, 'metrics', renderMetricsList(metrics));
  writeFileSync(README, readme);
  process.stdout.write('README.md: configuration reference and metrics list rewritten\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`docs:deploy: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
