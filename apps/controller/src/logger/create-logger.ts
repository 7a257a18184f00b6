import pino, { type Logger } from 'pino';

/** The process logger: JSON lines on stdout, as every fleet process logs. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'controller', pid: process.pid } });
}
