/**
 * The `mappings { "source": "destination" ... }` block of a nats-server config, as a record.
 * Just enough of the config syntax for the file this project generates (quoted keys and values,
 * one per line, `#` comments).
 */
export function readMappings(conf: string): Record<string, string> {
  const lines = conf.split('\n').map((line) => line.replace(/#.*$/, '').trim());
  const start = lines.findIndex((line) => /^mappings\s*[:=]?\s*\{$/.test(line));
  if (start < 0) return {};
  const mappings: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    if (line === '}') break;
    const m = /^"([^"]+)"\s*[:=]\s*"([^"]+)"$/.exec(line);
    if (m?.[1] && m[2]) mappings[m[1]] = m[2];
  }
  return mappings;
}

/** The partition count of a mapping (`{{partition(16,1)}}` gives 16); undefined when none or several. */
export function mappingPartitionCount(mappings: Readonly<Record<string, string>>): number | undefined {
  const counts = new Set(Object.values(mappings).map((to) => /\{\{partition\((\d+),/.exec(to)?.[1]));
  const [only, ...others] = [...counts];
  return only !== undefined && others.length === 0 ? Number(only) : undefined;
}
