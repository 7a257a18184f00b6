import { cameraKind, sensorKind } from '@fleet/contracts';
import { limitConditions, limitedReadings, sameKeys } from './limit-logic';

const readings = limitedReadings(sensorKind);
const keys = (value: number | null, held: string[] = []): string[] => [...limitConditions('s1', readings, { temperature: value }, new Set(held)).keys()];

describe('limit logic - HIHI, HI, LO, LOLO with deadband, from the kind', () => {
  it('the sensor kind declares limits on temperature; the camera none', () => {
    expect(readings.map((r) => [r.key, r.limits])).toEqual([['temperature', { hihi: 40, hi: 30, lo: 5, lolo: 0, deadband: 0.5 }]]);
    expect(limitedReadings(cameraKind)).toEqual([]);
    expect(limitedReadings(sensorKind)).toBe(readings);
  });

  it('holds each limit reached, inclusive, on both sides', () => {
    expect(keys(21)).toEqual([]);
    expect(keys(30)).toEqual(['hi:temperature']);
    expect(keys(41)).toEqual(['hihi:temperature', 'hi:temperature']);
    expect(keys(5)).toEqual(['lo:temperature']);
    expect(keys(-1)).toEqual(['lolo:temperature', 'lo:temperature']);
    expect(keys(null)).toEqual([]);
  });

  it('deadband: a held limit holds until the value is back past it by the deadband', () => {
    expect(keys(29.7, ['hi:temperature'])).toEqual(['hi:temperature']);
    expect(keys(29.5, ['hi:temperature'])).toEqual([]);
    expect(keys(29.7)).toEqual([]);
    expect(keys(5.4, ['lo:temperature'])).toEqual(['lo:temperature']);
    expect(keys(5.5, ['lo:temperature'])).toEqual([]);
  });

  it('the message names the reading, the limit and the value', () => {
    expect(limitConditions('s1', readings, { temperature: 42 }, new Set()).get('hihi:temperature')).toEqual({
      code: 'hihi',
      reading: 'temperature',
      message: 's1 Temperature HIHI: 42°C (limit 40°C)',
    });
  });

  it('sameKeys compares the limits held, not the messages', () => {
    expect(sameKeys(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(true);
    expect(sameKeys(new Map([['a', 1]]), new Map([['b', 1]]))).toBe(false);
    expect(sameKeys(new Map(), new Map([['b', 1]]))).toBe(false);
  });
});
