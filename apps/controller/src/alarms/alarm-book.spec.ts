import { testAlarm } from '../testing/fixtures';
import { AlarmBook, MAX_INACTIVE_ALARMS } from './alarm-book';

describe('alarm book', () => {
  it('keeps active and unacknowledged alarms by device and key, and forgets one done', () => {
    const book = new AlarmBook();
    book.put(testAlarm('a'));
    expect(book.of('camera-1').get('offline')?.id).toBe('a');
    expect(book.activeCounts()).toEqual({ info: 0, warning: 0, critical: 1 });
    book.put(testAlarm('a', { clearedAt: 5 }));
    expect(book.activeCounts()).toEqual({ info: 0, warning: 0, critical: 0 });
    expect(book.of('camera-1').get('offline')?.id).toBe('a');
    expect(book.list().map((a) => a.id)).toEqual(['a']);
    expect(book.put(testAlarm('a', { clearedAt: 5, acknowledged: { by: 'x', at: 6 } }))).toEqual(['a']);
    expect(book.list()).toEqual([]);
    expect(book.of('camera-1').size).toBe(0);
  });

  it('keeps a shelved alarm even when cleared and acknowledged; keys limit alarms by reading', () => {
    const book = new AlarmBook();
    book.put(testAlarm('s', { clearedAt: 5, acknowledged: { by: 'x', at: 6 }, shelved: { by: 'x', at: 1, reason: 'r', until: 100 } }));
    book.put(testAlarm('h', { code: 'hi', reading: 'temperature' }));
    expect([...book.of('camera-1').keys()]).toEqual(['offline', 'hi:temperature']);
    book.remove(testAlarm('s'));
    expect(book.get('s')).toBeUndefined();
  });

  it('bounds returned-to-normal alarms awaiting acknowledgement, dropping the oldest', () => {
    const book = new AlarmBook();
    let forgotten: string[] = [];
    for (let i = 0; i <= MAX_INACTIVE_ALARMS; i++) forgotten = book.put(testAlarm(`a${i}`, { deviceId: `d${i}`, raisedAt: i, clearedAt: i + 1 }));
    expect(forgotten).toEqual(['a0']);
    expect(book.list()).toHaveLength(MAX_INACTIVE_ALARMS);
  });

  it('release forgets the alarms of the devices given away', () => {
    const book = new AlarmBook();
    book.put(testAlarm('a'));
    book.put(testAlarm('b', { deviceId: 'stage-1' }));
    book.release((id) => id === 'camera-1');
    expect(book.list().map((a) => a.id)).toEqual(['b']);
  });
});
