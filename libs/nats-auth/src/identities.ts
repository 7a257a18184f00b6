/**
 * The roles a process can play on the broker (docs/security.md). One identity is one nkey user;
 * its rights follow from its role alone, so the broker config and the docs' table come from the
 * same place.
 */
export type Role = 'agent' | 'agent-pool' | 'controller' | 'gateway' | 'sim' | 'automation' | 'harness';

/** An agent serving devices assigned to it explicitly (the launcher, a Kubernetes StatefulSet). */
export interface AgentIdentity {
  readonly role: 'agent';
  readonly name: string;
  /** The devices it may speak for; nothing else. */
  readonly devices: readonly string[];
}

/** Any other identity: its rights do not depend on which devices exist. */
export interface RoleIdentity {
  readonly role: Exclude<Role, 'agent'>;
  readonly name: string;
}

/** Who connects to the broker, and in which role. */
export type Identity = AgentIdentity | RoleIdentity;

/** Every role, in the order the docs list them. */
export const ROLES: readonly Role[] = ['agent', 'agent-pool', 'controller', 'gateway', 'sim', 'automation', 'harness'];

const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The identities of a local fleet: one agent identity per device id given, and one of each
 * role-wide identity (`harness` only when asked: it may do anything, for test tooling).
 */
export function fleetIdentities(devices: readonly string[], options: { harness?: boolean } = {}): Identity[] {
  const roles: Array<RoleIdentity['role']> = ['controller', 'gateway', 'sim', 'automation', 'agent-pool'];
  if (options.harness) roles.push('harness');
  return [...devices.map((id): Identity => ({ role: 'agent', name: agentName(id), devices: [id] })), ...roles.map((role): Identity => ({ role, name: role }))];
}

/** The identity name of the agent of one device. */
export function agentName(deviceId: string): string {
  return `agent-${deviceId.toLowerCase()}`;
}

/** Throws on identities that cannot be told apart or named in a file. */
export function checkIdentities(identities: readonly Identity[]): void {
  const seen = new Set<string>();
  for (const identity of identities) {
    if (!NAME.test(identity.name)) throw new Error(`identity name "${identity.name}" must be lower-case letters, digits, _ and -, at most 64`);
    if (seen.has(identity.name)) throw new Error(`identity "${identity.name}" is declared twice`);
    seen.add(identity.name);
  }
}
