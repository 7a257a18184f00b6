import { DeviceStatusSchema } from '@fleet/contracts';
import { StatusPublisher, type StatusBody } from './status-publisher';

const body = (hwState: string): StatusBody => ({
  deviceId: 'cam-1',
  kind: 'camera',
  link: 'up',
  hwState,
  readings: { exposingTime: null },
  counters: { polls: 1, timeouts: 0, reconnects: 0, skippedPolls: 0 },
});

describe('status-publisher', () => {
  it('stamps valid statuses with seq from 1 and keeps only the latest while disconnected', () => {
    const sent: string[] = [];
    let connected = false;
    const sink = { publish: (_s: string, p: string) => connected && sent.push(p) > 0 };
    const publisher = new StatusPublisher(sink, 'fleet.v1.device.cam-1.status', () => 42);
    publisher.publish(body('idle'));
    publisher.publish(body('exposing'));
    expect(sent).toEqual([]);
    expect(publisher.lastSeq).toBe(0);
    connected = true;
    publisher.flush();
    publisher.flush();
    publisher.publish(body('idle'));
    const statuses = sent.map((p) => DeviceStatusSchema.parse(JSON.parse(p)));
    expect(statuses.map((s) => [s.seq, s.hwState, s.ts])).toEqual([
      [1, 'exposing', 42],
      [2, 'idle', 42],
    ]);
    expect(publisher.lastSeq).toBe(2);
  });
});
