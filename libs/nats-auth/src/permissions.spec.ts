import { partitionOf } from '@fleet/contracts/wire';
import { mappedSubject } from './mapped-subject';
import { inboxSubjectOf } from './inbox';
import { permissionsOf } from './permissions';
import { renderAuthorization } from './server-config';

describe('permissions - derived from the partition mapping', () => {
  it('mappedSubject appends the partition nats-server computes to mapped subjects only', () => {
    expect(mappedSubject('fleet.v1.device.camera-1.status', 16)).toBe(`fleet.v1.device.camera-1.status.${partitionOf('camera-1', 16)}`);
    expect(mappedSubject('fleet.v1.control.command.stage-1', 4)).toBe(`fleet.v1.control.command.stage-1.${partitionOf('stage-1', 4)}`);
    expect(mappedSubject('fleet.v1.device.camera-1.cmd', 16)).toBe('fleet.v1.device.camera-1.cmd');
    expect(mappedSubject('fleet.v1.control.command', 16)).toBe('fleet.v1.control.command');
  });

  it('an agent may publish its own devices\' status and presence, plain and mapped, and hear only their commands', () => {
    const p = permissionsOf({ role: 'agent', name: 'agent-camera-1', devices: ['camera-1'] }, 16);
    const part = partitionOf('camera-1', 16);
    expect(p.publish).toEqual([
      'fleet.v1.device.camera-1.status',
      `fleet.v1.device.camera-1.status.${part}`,
      'fleet.v1.device.camera-1.presence',
      `fleet.v1.device.camera-1.presence.${part}`,
    ]);
    expect(p.subscribe).toEqual(['fleet.v1.device.camera-1.cmd']);
    expect(p.allowResponses).toBe(true);
    expect(p.inbox).toBe(false);
  });

  it('gives every identity that makes requests an inbox of its own, and nobody the shared `_INBOX.>`', () => {
    const key = (n: number) => `U${String(n).repeat(55)}`;
    const roles = ['agent-pool', 'controller', 'gateway', 'automation', 'sim'] as const;
    const text = renderAuthorization(roles.map((role, i) => ({ name: role, publicKey: key(i + 1), permissions: permissionsOf({ role, name: role }, 16) })));
    expect(text).not.toContain('"_INBOX.>"');
    for (const [i, role] of roles.entries()) {
      expect(permissionsOf({ role, name: role }, 16).subscribe.filter((s) => s.startsWith('_INBOX'))).toEqual([]);
      expect(text.includes(JSON.stringify(inboxSubjectOf(key(i + 1))))).toBe(role !== 'sim');
    }
  });

  it('renders an identity allowed to subscribe to nothing as denied everything (an empty allow list would allow all)', () => {
    const text = renderAuthorization([{ name: 'agent-none', publicKey: `U${'A'.repeat(55)}`, permissions: permissionsOf({ role: 'agent', name: 'agent-none', devices: [] }, 16) }]);
    expect(text).toContain('publish: { deny: [">"] }');
    expect(text).toContain('subscribe: { deny: [">"] }');
  });

  it('only the controller may use the JetStream API beyond the claims bucket, and publish events', () => {
    for (const role of ['agent-pool', 'gateway', 'sim', 'automation'] as const) {
      const p = permissionsOf({ role, name: role }, 16);
      expect(p.publish.filter((s) => s.startsWith('$JS.API.STREAM.PURGE') || s.startsWith('$JS.API.STREAM.DELETE') || s === '$JS.API.>')).toEqual([]);
      expect(p.publish.filter((s) => s.startsWith('fleet.v1.event'))).toEqual([]);
    }
    expect(permissionsOf({ role: 'controller', name: 'controller' }, 16).publish).toEqual(expect.arrayContaining(['$JS.API.>', 'fleet.v1.event.*']));
    expect(permissionsOf({ role: 'sim', name: 'sim' }, 16).publish).toEqual([]);
  });
});
