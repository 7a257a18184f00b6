import { partitionInbox, UNMAPPED_LAYOUT } from './partition-layout';
import { partitionMappings, partitionMappingsConfig } from './partition-mapping';

describe('partitions - broker mapping', () => {
  it('appends a partition token computed from the device id to every partitioned subject', () => {
    expect(partitionMappings(16)).toEqual({
      'fleet.v1.device.*.status': 'fleet.v1.device.{{wildcard(1)}}.status.{{partition(16,1)}}',
      'fleet.v1.device.*.presence': 'fleet.v1.device.{{wildcard(1)}}.presence.{{partition(16,1)}}',
      'fleet.v1.control.command.*': 'fleet.v1.control.command.{{wildcard(1)}}.{{partition(16,1)}}',
      'fleet.v1.control.alarm.ack.*': 'fleet.v1.control.alarm.ack.{{wildcard(1)}}.{{partition(16,1)}}',
      'fleet.v1.control.alarm.action.*': 'fleet.v1.control.alarm.action.{{wildcard(1)}}.{{partition(16,1)}}',
      'fleet.v1.control.partition.probe.*': 'fleet.v1.control.partition.probe.{{wildcard(1)}}.{{partition(16,1)}}',
    });
    expect(partitionMappingsConfig(4)).toContain('"fleet.v1.device.*.status": "fleet.v1.device.{{wildcard(1)}}.status.{{partition(4,1)}}"');
  });

  it('gives a controller the subjects of one partition, or the plain ones on an unmapped broker', () => {
    expect(partitionInbox({ mapped: true, count: 16 }, 5)).toEqual({
      status: 'fleet.v1.device.*.status.5',
      presence: 'fleet.v1.device.*.presence.5',
      command: 'fleet.v1.control.command.*.5',
      alarmAck: 'fleet.v1.control.alarm.ack.*.5',
      alarmAction: 'fleet.v1.control.alarm.action.*.5',
    });
    expect(partitionInbox(UNMAPPED_LAYOUT, 0).status).toBe('fleet.v1.device.*.status');
  });
});
