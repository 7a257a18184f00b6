import { partitionOf } from '@fleet/contracts/wire';
import { mappedSubject } from './mapped-subject';
import { permissionsOf } from './permissions';

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
