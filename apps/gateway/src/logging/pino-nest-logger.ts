import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

function contextOf(params: unknown[]): string | undefined {
  const last = params.at(-1);
  return typeof last === 'string' ? last : undefined;
}

function asText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  try {
    return JSON.stringify(message);
  } catch {
    return String(message);
  }
}

/** Routes Nest's own log lines through pino so that every line on stdout is JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.logger.info({ context: contextOf(params) }, asText(message));
  }

  error(message: unknown, ...params: unknown[]): void {
    const err = message instanceof Error ? message : undefined;
    const stack = params.find((p): p is string => typeof p === 'string' && p.includes('\n    at '));
    this.logger.error({ context: contextOf(params), err, stack }, asText(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.logger.warn({ context: contextOf(params) }, asText(message));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.logger.debug({ context: contextOf(params) }, asText(message));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.logger.trace({ context: contextOf(params) }, asText(message));
  }
}
