const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns a pino JSON line into `HH:MM:SS service level msg key=value…`; other lines pass through. */
export function formatLogLine(service: string, line: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `${service.padEnd(18)} ${line}`;
  }
  if (!isRecord(parsed)) return `${service.padEnd(18)} ${line}`;
  const time = typeof parsed.time === 'number' ? new Date(parsed.time).toISOString().slice(11, 19) : '--:--:--';
  const level = typeof parsed.level === 'number' ? (LEVELS[parsed.level] ?? String(parsed.level)) : '';
  const extra = Object.entries(parsed)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time} ${service.padEnd(18)} ${level.padEnd(5)} ${String(parsed.msg ?? '')}${extra ? ` ${extra}` : ''}`;
}
