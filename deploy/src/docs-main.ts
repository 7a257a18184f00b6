import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigReference, renderMetricsList } from './config-reference';
import { scrapeAll } from './scrape';
import { README } from './paths';
import { writeSection } from './readme-sections';

/**
 * `npm run docs:deploy`: rewrites the README's generated sections, the configuration reference
 * from the apps' config loaders and the metrics list from a scrape of the real apps.
 */
async function main(): Promise<void> {
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
