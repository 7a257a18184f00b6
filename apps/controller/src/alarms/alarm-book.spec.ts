import type { Alarm } from '@fleet/contracts';
import { AlarmBook, MAX_INACTIVE_ALARMS } from './alarm-book';

const alarm = (id: string, patch: Partial<Alarm> = {}): Alarm => ({
  id, deviceId: 'camera-1', code: 'offline', severity: 'critical', message: 'm', raisedAt: 1, clearedAt: null, acknowledged: null, ...patch,
});

describe('alarm book', () => {
  it('keeps active and unacknowledged alarms, and forgets one cleared and acknowledged', () => {
    const book = new AlarmBook();
    book.put(alarm('a'));
    expect(book.activeFor('camera-1').get('offline')?.id).toBe('a');
    expect(book.activeCounts()).toEqual({ info: 0, warning: 0, critical: 1 });
    book.put(alarm('a', { clearedAt: 5 }));
    expect(book.activeFor('camera-1').size).toBe(0);
    expect(book.list().map((a) => a.id)).toEqual(['a']);
    expect(book.put(alarm('a', { clearedAt: 5, acknowledged: { by: 'x', at: 6 } }))).toEqual(['a']);
    expect(book.list()).toEqual([]);
  });

  it('bounds cleared-but-unacknowledged alarms, dropping the oldest', () => {
    const book = new AlarmBook();
    let forgotten: string[] = [];
    for (let i = 0; i <= MAX_INACTIVE_ALARMS; i++) forgotten = book.put(alarm(`a${i}`, { raisedAt: i, clearedAt: i + 1 }));
    expect(forgotten).toEqual(['a0']);
    expect(book.list()).toHaveLength(MAX_INACTIVE_ALARMS);
  });
});
