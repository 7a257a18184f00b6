/**
 * The value of the sample `name` in Prometheus text exposition, or `undefined` when the text has
 * none (or its value is not a number). `name` is the series as exposed, so a labelled one is
 * asked for with its labels (`x_total{change="lost"}`); other series of the same metric and
 * metrics whose names merely start with `name` are skipped.
 */
export function sampleValue(text: string, name: string): number | undefined {
  for (const line of text.split('\n')) {
    // A space right after the name rules out `name_suffix` and `name{label="..."}`.
    if (!line.startsWith(`${name} `)) continue;
    const value = Number(line.slice(name.length + 1).trim().split(' ')[0]);
    return Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
