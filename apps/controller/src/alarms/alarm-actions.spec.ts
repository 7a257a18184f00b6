import { AlarmActionSchema, type Alarm, type AlarmAction, type OutOfService } from '@fleet/contracts';
import { testAlarm } from '../testing/fixtures';
import { planAlarmAction, type ActionScope } from './alarm-actions';

const scope = (alarms: Alarm[], outOfService?: OutOfService): ActionScope => ({
  deviceId: 'camera-1',
  alarm: (id) => alarms.find((a) => a.id === id),
  alarms,
  outOfService,
});
/** A request as the controller receives it: parsed by the contract. */
const act = (body: Record<string, unknown>): AlarmAction => AlarmActionSchema.parse({ requestId: 'r1', user: 'alice', ...body });

describe('alarm actions - operator requests on one device', () => {
  const a = testAlarm('a');
  const b = testAlarm('b', { code: 'slow', severity: 'warning', acknowledged: { by: 'bob', at: 2 } });

  it('acknowledges several alarms with one comment; an already acknowledged or unknown one is refused on its own', () => {
    const plan = planAlarmAction(act({ action: 'ack', alarmIds: ['a', 'b', 'zz', 'a'], comment: 'shift handover' }), scope([a, b]), 10);
    expect(plan.transitions.map((t) => t.alarm.acknowledged)).toEqual([{ by: 'alice', at: 10, comment: 'shift handover' }]);
    expect(plan.reply).toMatchObject({ accepted: false, reason: '2 alarms not acknowledged (see refused)' });
    expect(plan.reply.refused).toEqual([
      { alarmId: 'b', reason: 'alarm b was already acknowledged by bob' },
      { alarmId: 'zz', reason: expect.stringContaining('unknown alarm zz') },
    ]);
    expect(planAlarmAction(act({ action: 'ack', alarmIds: ['a'] }), scope([a]), 10).reply).toMatchObject({ accepted: true, refused: [] });
  });

  it('shelves for a duration (until = now + duration) or one-shot; refuses on a device out of service', () => {
    const timed = planAlarmAction(act({ action: 'shelve', alarmId: 'a', reason: 'noisy', durationMs: 3_600_000 }), scope([a]), 10);
    expect(timed.reply.alarms[0]?.shelved).toEqual({ by: 'alice', at: 10, reason: 'noisy', until: 3_600_010 });
    const oneShot = planAlarmAction(act({ action: 'shelve', alarmId: 'a', reason: 'noisy' }), scope([a]), 10);
    expect(oneShot.reply.alarms[0]?.shelved?.until).toBeNull();
    const oos: OutOfService = { deviceId: 'camera-1', by: 'bob', at: 1, reason: 'maintenance' };
    expect(planAlarmAction(act({ action: 'shelve', alarmId: 'a', reason: 'x' }), scope([a], oos), 10).reply).toMatchObject({
      accepted: false,
      reason: 'camera-1 is out of service; it raises no alarm to shelve',
    });
  });

  it('refuses to unshelve an alarm that is not shelved, saying why', () => {
    const plan = planAlarmAction(act({ action: 'unshelve', alarmId: 'a' }), scope([a]), 10);
    expect(plan.reply).toMatchObject({ accepted: false, reason: 'alarm a is not shelved', refused: [{ alarmId: 'a', reason: 'alarm a is not shelved' }] });
    expect(plan.transitions).toEqual([]);
  });

  it('out of service removes every alarm of the device and records who and why; twice is refused; back in service', () => {
    const plan = planAlarmAction(act({ action: 'out-of-service', deviceId: 'camera-1', reason: 'lens cleaning' }), scope([a, b]), 10);
    const record = { deviceId: 'camera-1', by: 'alice', at: 10, reason: 'lens cleaning' };
    expect(plan.service).toEqual({ set: record });
    expect(plan.transitions.map((t) => [t.changes[0]?.action, t.changes[0]?.comment, t.done])).toEqual([
      ['removed', 'out of service: lens cleaning', true],
      ['removed', 'out of service: lens cleaning', true],
    ]);
    expect(plan.reply).toMatchObject({ accepted: true, outOfService: record });
    expect(planAlarmAction(act({ action: 'out-of-service', deviceId: 'camera-1', reason: 'again' }), scope([], record), 20).reply).toMatchObject({
      accepted: false,
      reason: expect.stringContaining('already out of service (by alice'),
    });
    expect(planAlarmAction(act({ action: 'in-service', deviceId: 'camera-1' }), scope([], record), 30)).toMatchObject({ service: { clear: record }, reply: { accepted: true, outOfService: null } });
    expect(planAlarmAction(act({ action: 'in-service', deviceId: 'camera-1' }), scope([]), 30).reply).toMatchObject({ accepted: false, reason: 'camera-1 is not out of service' });
  });

  it('names nobody as anonymous', () => {
    const plan = planAlarmAction({ action: 'ack', alarmIds: ['a'], requestId: 'r' }, scope([a]), 10);
    expect(plan.reply.alarms[0]?.acknowledged?.by).toBe('anonymous');
  });
});
