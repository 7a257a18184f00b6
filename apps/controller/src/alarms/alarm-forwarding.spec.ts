import { AlarmActionSchema, type AlarmAction, type AlarmActionReply, type ErrorReply } from '@fleet/contracts';
import { forwardAlarmAction } from './alarm-forwarding';

const devices: Record<string, string> = { a: 'camera-1', b: 'camera-1', c: 'stage-1', d: 'sensor-1' };
const deviceOf = (id: string): string | undefined => devices[id];

describe('alarm forwarding - routing an action to the owners of its devices', () => {
  it('splits an acknowledgement per device with suffixed requestIds and merges the replies; an owner error refuses its part', async () => {
    const sent: AlarmAction[] = [];
    const send = async (deviceId: string, body: AlarmAction): Promise<AlarmActionReply | ErrorReply> => {
      sent.push(body);
      if (deviceId === 'sensor-1') return { error: 'owner unavailable' };
      return { accepted: true, alarms: [], refused: [] };
    };
    const action = AlarmActionSchema.parse({ action: 'ack', alarmIds: ['a', 'b', 'c', 'd', 'zz'], requestId: 'r', comment: 'ok' });
    const reply = await forwardAlarmAction(action, deviceOf, send);
    expect(sent.map((s) => [s.requestId, s.action === 'ack' ? s.alarmIds : []])).toEqual([
      ['r:camera-1', ['a', 'b']],
      ['r:stage-1', ['c']],
      ['r:sensor-1', ['d']],
    ]);
    expect(reply).toMatchObject({
      accepted: false,
      reason: '2 of 5 alarms not acknowledged (see refused)',
      refused: [
        { alarmId: 'zz', reason: expect.stringContaining('unknown alarm zz') },
        { alarmId: 'd', reason: 'owner unavailable' },
      ],
    });
  });

  it('sends out of service by its device, a shelve by its alarm device, and refuses a shelve of an unknown alarm', async () => {
    const to: string[] = [];
    const send = async (deviceId: string): Promise<AlarmActionReply> => {
      to.push(deviceId);
      return { accepted: true, alarms: [], refused: [] };
    };
    await forwardAlarmAction(AlarmActionSchema.parse({ action: 'out-of-service', deviceId: 'stage-9', reason: 'r', requestId: 'r' }), deviceOf, send);
    await forwardAlarmAction(AlarmActionSchema.parse({ action: 'shelve', alarmId: 'c', reason: 'r', requestId: 'r' }), deviceOf, send);
    expect(to).toEqual(['stage-9', 'stage-1']);
    expect(await forwardAlarmAction(AlarmActionSchema.parse({ action: 'unshelve', alarmId: 'zz', requestId: 'r' }), deviceOf, send)).toMatchObject({
      accepted: false,
      reason: expect.stringContaining('unknown alarm zz'),
    });
  });
});
