/** A metric family from a Prometheus text exposition: name, type and help. */
export interface MetricFamily {
  readonly name: string;
  readonly type: string;
  readonly help: string;
}

/** The metric families of an exposition, from its `# HELP` and `# TYPE` lines (labelled families with no sample yet included). */
export function parseExposition(text: string): MetricFamily[] {
  const help = new Map<string, string>();
  const families: MetricFamily[] = [];
  for (const line of text.split('\n')) {
    const h = /^# HELP (\S+) (.*)$/.exec(line);
    if (h?.[1]) help.set(h[1], h[2] ?? '');
    const t = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (t?.[1] && t[2]) families.push({ name: t[1], type: t[2], help: help.get(t[1]) ?? '' });
  }
  return families;
}

/** The series names a family exposes (a histogram adds _bucket, _sum and _count). */
export function seriesNames(family: MetricFamily): string[] {
  if (family.type === 'histogram') return ['_bucket', '_sum', '_count'].map((s) => family.name + s);
  if (family.type === 'summary') return [family.name, family.name + '_sum', family.name + '_count'];
  return [family.name];
}

/** Metric names used in a PromQL expression (identifiers that are not functions, keywords or labels). */
export function metricsInExpr(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '').replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  return [...withoutLabels.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => /_/.test(name) && !/^\d/.test(name));
}
