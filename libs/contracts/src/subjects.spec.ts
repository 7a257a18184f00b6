import { deviceIdFromSubject, subjects } from './subjects';

describe('subjects - builders', () => {
  it('builds every v1 subject', () => {
    expect(subjects.deviceStatus('camera-1')).toBe('fleet.v1.device.camera-1.status');
    expect(subjects.devicePresence('camera-1')).toBe('fleet.v1.device.camera-1.presence');
    expect(subjects.deviceCommand('camera-1')).toBe('fleet.v1.device.camera-1.cmd');
    expect(subjects.controlState('camera-1')).toBe('fleet.v1.control.state.camera-1');
    expect(subjects.event('camera-1')).toBe('fleet.v1.event.camera-1');
    expect(subjects.controlCommand).toBe('fleet.v1.control.command');
    expect(subjects.controlSnapshot).toBe('fleet.v1.control.snapshot');
    expect(subjects.alarmAck).toBe('fleet.v1.control.alarm.ack');
  });

  it('reads the deviceId back from a subject, and nothing from a foreign one', () => {
    expect(deviceIdFromSubject(subjects.deviceStatus('stage_2'))).toBe('stage_2');
    expect(deviceIdFromSubject(subjects.controlState('stage_2'))).toBe('stage_2');
    expect(deviceIdFromSubject(subjects.event('stage_2'))).toBe('stage_2');
    expect(deviceIdFromSubject('fleet.v1.device.a.b.status')).toBeUndefined();
    expect(deviceIdFromSubject('fleet.v2.device.a.status')).toBeUndefined();
    expect(deviceIdFromSubject('fleet.v1.device.*.status')).toBeUndefined();
  });
});

describe('subjects - partitioned forms', () => {
  it('reads the deviceId from the subjects a partitioning broker delivers', () => {
    expect(deviceIdFromSubject('fleet.v1.device.camera-1.status.8')).toBe('camera-1');
    expect(deviceIdFromSubject('fleet.v1.device.camera-1.presence.15')).toBe('camera-1');
    expect(deviceIdFromSubject('fleet.v1.control.command.stage_2.3')).toBe('stage_2');
    expect(deviceIdFromSubject(subjects.controlCommandFor('stage_2'))).toBe('stage_2');
    expect(deviceIdFromSubject('fleet.v1.control.alarm.ack.stage_2.0')).toBe('stage_2');
    expect(deviceIdFromSubject(subjects.alarmAckFor('stage_2'))).toBe('stage_2');
    expect(subjects.alarmActionFor('stage_2')).toBe('fleet.v1.control.alarm.action.stage_2');
    expect(deviceIdFromSubject('fleet.v1.control.alarm.action.stage_2.3')).toBe('stage_2');
    expect(deviceIdFromSubject(subjects.alarmAction)).toBeUndefined();
  });

  it('keeps an all-digit device id apart from the partition token', () => {
    expect(deviceIdFromSubject('fleet.v1.control.command.123')).toBe('123');
    expect(deviceIdFromSubject('fleet.v1.control.command.123.4')).toBe('123');
    expect(deviceIdFromSubject('fleet.v1.device.42.status')).toBe('42');
  });

  it('rejects a partition token on a subject that is never partitioned, and a non-numeric one', () => {
    expect(deviceIdFromSubject('fleet.v1.device.camera-1.cmd.3')).toBeUndefined();
    expect(deviceIdFromSubject('fleet.v1.control.state.camera-1.3')).toBeUndefined();
    expect(deviceIdFromSubject('fleet.v1.device.camera-1.status.x')).toBeUndefined();
    expect(deviceIdFromSubject('fleet.v1.control.command')).toBeUndefined();
  });
});
