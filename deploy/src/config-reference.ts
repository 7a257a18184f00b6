import { APP_NAMES, APP_PACKAGES, envReads, loadAppConfig, type AppName } from './apps';
import { MINIMAL_ENV, VAR_DOCS, type VarDoc } from './config-docs';
import type { MetricFamily } from './metrics';

/** Markdown for one default value. */
function renderValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : `\`${value.join(',')}\``;
  return `\`${String(value)}\``;
}

/** The config an app loads with only its required settings. */
export function baselineConfig(app: AppName): Readonly<Record<string, unknown>> {
  const loaded = loadAppConfig(app, [], MINIMAL_ENV[app]);
  if (!loaded.ok) throw new Error(`${app} rejects its minimal env: ${loaded.problems.join('; ')}`);
  return loaded.config;
}

/** True when `app` fails to load without `key` from its minimal env. */
export function isRequired(app: AppName, key: string): boolean {
  if (!(key in MINIMAL_ENV[app])) return false;
  const env = { ...MINIMAL_ENV[app] };
  delete env[key];
  return !loadAppConfig(app, [], env).ok;
}

/** The default column for one variable. */
function defaultText(app: AppName, key: string, doc: VarDoc | undefined, baseline: Readonly<Record<string, unknown>>): string {
  if (isRequired(app, key)) return '(required)';
  if (doc?.defaultText) return doc.defaultText;
  return doc?.field ? renderValue(baseline[doc.field]) : '(none)';
}

const escape = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The configuration reference: one table per app, with every variable its config loader reads
 * (recorded, not listed by hand), the default its loader produces, and the prose of VAR_DOCS.
 */
export function renderConfigReference(): string {
  const parts: string[] = [];
  for (const app of APP_NAMES) {
    const baseline = baselineConfig(app);
    parts.push(`#### ${app} (\`${APP_PACKAGES[app]}\`)`, '', '| variable | flag | default | meaning |', '| --- | --- | --- | --- |');
    for (const key of envReads(app)) {
      const doc = VAR_DOCS[app][key];
      const flag = doc?.flag ? `\`${doc.flag}\`` : '';
      parts.push(`| \`${key}\` | ${flag} | ${escape(defaultText(app, key, doc, baseline))} | ${escape(doc?.meaning ?? '(undocumented)')} |`);
    }
    parts.push('');
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
