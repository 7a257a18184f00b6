import { cameraRecord } from '../testing/fixtures';
import { RateMeters, slowVerdict } from './rate-meter';

const counters = { polls: 1, timeouts: 2, reconnects: 3, skippedPolls: 0 };

describe('rate meter - slow devices', () => {
  it('calls a rate slow under the ratio of the announced rate', () => {
    expect(slowVerdict(4, 10, 0.5)).toBe('status at 4.0 Hz, under 50% of the announced 10 Hz');
    expect(slowVerdict(5, 10, 0.5)).toBeUndefined();
  });

  it('ignores the first window, then flags a slow device and clears it when it recovers', () => {
    const meters = new RateMeters({ windowMs: 1000, ratio: 0.5 });
    const idle = cameraRecord('Idle').state;
    const feed = (from: number, hz: number) => {
      for (let t = from; t < from + 1000; t += 1000 / hz) meters.hit('camera-1', 'up', counters, t);
    };
    feed(0, 4);
    expect(meters.tick(idle, 1000)).toMatchObject({ rateHz: 4, slowChanged: false, counters });
    feed(1000, 4);
    expect(meters.tick(idle, 2000)).toMatchObject({ rateHz: 4, slowChanged: true });
    expect(meters.slow('camera-1')).toContain('4.0 Hz');
    feed(2000, 10);
    expect(meters.tick(idle, 3000)).toMatchObject({ rateHz: 10, slowChanged: true });
    expect(meters.slow('camera-1')).toBeUndefined();
  });

  it('never calls an Offline device slow, and does not trust a window it was Offline in', () => {
    const meters = new RateMeters({ windowMs: 1000, ratio: 0.5 });
    meters.hit('camera-1', 'up', counters, 0);
    expect(meters.tick(cameraRecord('Offline').state, 500)).toBeUndefined();
    expect(meters.tick(cameraRecord('Idle').state, 1000)).toMatchObject({ slowChanged: false });
    expect(meters.slow('camera-1')).toBeUndefined();
  });
});
