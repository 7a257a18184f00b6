import pino, { type Logger } from 'pino';

/** The process's root logger: JSON lines on stdout (docs/conventions.md, "Logs"). */
export function createLogger(level: string): Logger {
  return pino({ name: 'gateway', level, base: { service: 'gateway', pid: process.pid } });
}
