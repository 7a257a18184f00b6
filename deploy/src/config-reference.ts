import { renderMarkdownTable } from '@fleet/app-config';
import { APP_NAMES, PROGRAM_NAMES, PROGRAM_PACKAGES, SCHEMAS, loadAppConfig, type AppName } from './apps';
import { MINIMAL_ENV } from './config-docs';
import type { MetricFamily } from './metrics';

/** The config an app loads with only its required settings. */
export function baselineConfig(app: AppName): Readonly<Record<string, unknown>> {
  const loaded = loadAppConfig(app, [], MINIMAL_ENV[app]);
  if (!loaded.ok) throw new Error(`${app} rejects its minimal env: ${loaded.problems.join('; ')}`);
  return loaded.config;
}

const escape = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The configuration reference: one table per program, rendered from the same settings schema
 * its config loader reads and its `--help` prints, so the three cannot disagree.
 */
export function renderConfigReference(): string {
  const parts: string[] = [];
  for (const program of PROGRAM_NAMES) {
    parts.push(`#### ${program} (\`${PROGRAM_PACKAGES[program]}\`)`, '', renderMarkdownTable(SCHEMAS[program]), '');
  }
  return parts.join('\n').trimEnd();
}

/** The metrics list: every `fleet_*` family each app exposes, as scraped from the running app. */
export function renderMetricsList(scraped: Readonly<Partial<Record<AppName, readonly MetricFamily[]>>>): string {
  const parts: string[] = ['| metric | type | exported by | meaning |', '| --- | --- | --- | --- |'];
  for (const app of APP_NAMES) {
    for (const family of scraped[app] ?? []) {
      if (!family.name.startsWith('fleet_')) continue;
      parts.push(`| \`${family.name}\` | ${family.type} | ${app} | ${escape(family.help)} |`);
    }
  }
  parts.push(
    '',
    'Every endpoint also exports prom-client\'s default process and Node.js metrics, among them `nodejs_eventloop_lag_seconds`, `process_resident_memory_bytes` and `process_cpu_seconds_total`.',
  );
  return parts.join('\n');
}
