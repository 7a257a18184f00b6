import { cameraKind, sensorKind, stageKind } from '@fleet/contracts';
import { formatCommand, hardwareWhitelist } from './driver';
import { drivers } from './registry';

describe('driver whitelist and command formatting', () => {
  it('derives the whitelist from the kind commands in contracts', () => {
    expect([...hardwareWhitelist(cameraKind)].sort()).toEqual(['start_exposure', 'stop_exposure']);
    expect([...hardwareWhitelist(stageKind)].sort()).toEqual(['home', 'move_to', 'reset', 'stop']);
  });

  it('has a driver for every registered kind', () => {
    expect(drivers.camera.spec).toBe(cameraKind);
    expect(drivers.stage.spec).toBe(stageKind);
    expect(drivers.sensor.spec).toBe(sensorKind);
    expect(hardwareWhitelist(sensorKind).size).toBe(0);
  });

  it('formats whitelisted commands with numeric arguments', () => {
    expect(formatCommand(cameraKind, 'start_exposure', [])).toEqual({ ok: true, line: 'start_exposure' });
    expect(formatCommand(stageKind, 'move_to', [12.5])).toEqual({ ok: true, line: 'move_to 12.5' });
    expect(formatCommand(stageKind, 'move_to', ['7'])).toEqual({ ok: true, line: 'move_to 7' });
  });

  it.each([
    [cameraKind, 'get_exposing_time', []],
    [cameraKind, 'start', []],
    [cameraKind, 'start_exposure', [1]],
    [stageKind, 'move_to', []],
    [stageKind, 'move_to', ['abc']],
    [stageKind, 'move_to', [301]],
    [stageKind, 'home', ['now']],
  ] as const)('refuses %#', (spec, command, args) => {
    expect(formatCommand(spec, command, args)).toEqual({ ok: false, error: expect.any(String) });
  });
});
