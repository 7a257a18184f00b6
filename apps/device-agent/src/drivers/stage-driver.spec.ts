import { FakeLink, line } from '../../test/support/fake-link';
import { stageDriver } from './stage-driver';

describe('stage-driver', () => {
  it('reads state and position', async () => {
    const link = new FakeLink({ get_state: line('moving'), get_position: line('12.500') });
    expect(await stageDriver.poll(link)).toEqual({ hwState: 'moving', readings: { position: 12.5 } });
  });

  it('treats an error reply to get_state as a protocol error', async () => {
    const link = new FakeLink({ get_state: line('error unknown command') });
    expect(await stageDriver.poll(link)).toBeNull();
    expect(link.failedWith).toMatch(/^protocol error/);
  });
});
