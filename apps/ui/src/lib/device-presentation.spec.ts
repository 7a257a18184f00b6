import { allowedCommands, getDeviceKind } from '@fleet/contracts';
import { enabledCommands, formatReading, mainReadingOf, toneOf } from './device-presentation';

describe('device presentation', () => {
  it('derives tones from the machine, not from state names', () => {
    expect(toneOf('camera', undefined)).toBe('unknown');
    expect(toneOf('camera', 'Offline')).toBe('offline');
    expect(toneOf('stage', 'Fault')).toBe('fault');
    expect(toneOf('camera', 'Idle')).toBe('ok');
    expect(toneOf('camera', 'SavingImages')).toBe('busy');
    expect(toneOf('stage', 'Homing')).toBe('busy');
    expect(toneOf('toaster', 'Idle')).toBe('unknown');
  });

  it('formats readings with units and a dash when missing', () => {
    expect(formatReading(null, 's')).toBe('—');
    expect(formatReading(undefined)).toBe('—');
    expect(formatReading(12, 'mm')).toBe('12 mm');
    expect(formatReading(1.23456, 's')).toBe('1.23 s');
  });

  it('takes the main reading from the kind spec', () => {
    const device = {
      deviceId: 'stage-1',
      kind: 'stage',
      status: {
        deviceId: 'stage-1',
        kind: 'stage' as const,
        seq: 1,
        ts: 1,
        link: 'up' as const,
        hwState: 'idle',
        readings: { position: 42.5 },
        counters: { polls: 1, timeouts: 0, reconnects: 0, skippedPolls: 0 },
      },
      stale: false,
    };
    expect(mainReadingOf(device)).toEqual({ label: 'Position', text: '42.50 mm' });
  });

  it('enables exactly the commands the machine allows', () => {
    const spec = getDeviceKind('camera');
    if (!spec) throw new Error('camera kind missing');
    expect([...enabledCommands(spec, 'Exposing')]).toEqual([...allowedCommands(spec, 'Exposing')]);
    expect(enabledCommands(spec, undefined).size).toBe(0);
  });
});
