import { cameraDriver } from './camera-driver';
import { FakeLink, line } from '../../test/support/fake-link';

describe('camera-driver', () => {
  it('asks only get_state while idle (never get_exposing_time) and reports exposingTime null', async () => {
    const link = new FakeLink({ get_state: line('idle') });
    expect(await cameraDriver.poll(link)).toEqual({ hwState: 'idle', readings: { exposingTime: null } });
    expect(link.sent).toEqual([{ line: 'get_state', priority: 'poll' }]);
  });

  it('reads the exposing time while exposing', async () => {
    const link = new FakeLink({ get_state: line('exposing'), get_exposing_time: line('1.250') });
    expect(await cameraDriver.poll(link)).toEqual({ hwState: 'exposing', readings: { exposingTime: 1.25 } });
    expect(link.sent.map((s) => s.line)).toEqual(['get_state', 'get_exposing_time']);
  });

  it('passes unknown through as a hardware state', async () => {
    const link = new FakeLink({ get_state: line('unknown') });
    expect(await cameraDriver.poll(link)).toEqual({ hwState: 'unknown', readings: { exposingTime: null } });
  });

  it('marks the link down with a protocol error on an unexpected reply', async () => {
    const link = new FakeLink({ get_state: line('exposing'), get_exposing_time: line('soon') });
    expect(await cameraDriver.poll(link)).toBeNull();
    expect(link.failedWith).toMatch(/^protocol error: unexpected reply to get_exposing_time/);
  });

  it('gives up when the link fails', async () => {
    const link = new FakeLink({});
    expect(await cameraDriver.poll(link)).toBeNull();
    expect(link.failedWith).toBeUndefined();
  });
});
