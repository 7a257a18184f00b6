import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SocketAuthSchema, type Session } from '@fleet/contracts';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../core/tokens';

/** Keyed by digest, so a lookup's timing says nothing about how much of a guess was right. */
function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Maps handshake tokens to sessions, from the configured `user:role:secret` entries. */
@Injectable()
export class AuthService {
  private readonly sessions: ReadonlyMap<string, Session>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.sessions = new Map(config.tokens.map((t) => [digest(t.secret), { user: t.user, role: t.role }]));
  }

  /** The session of a handshake's `auth` object, or `undefined` when it carries no known token. */
  authenticate(auth: unknown): Session | undefined {
    const parsed = SocketAuthSchema.safeParse(auth);
    return parsed.success ? this.sessions.get(digest(parsed.data.token)) : undefined;
  }
}
