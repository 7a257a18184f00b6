import { FakeLink, line } from '../../test/support/fake-link';
import { sensorDriver } from './sensor-driver';

describe('sensor-driver', () => {
  it('reads state and temperature', async () => {
    const link = new FakeLink({ get_state: line('ok'), get_temperature: line('21.37') });
    expect(await sensorDriver.poll(link)).toEqual({ hwState: 'ok', readings: { temperature: 21.37 } });
  });

  it('does not ask for the temperature while the sensor reports fault', async () => {
    const link = new FakeLink({ get_state: line('fault') });
    expect(await sensorDriver.poll(link)).toEqual({ hwState: 'fault', readings: { temperature: null } });
    expect(link.sent.map((s) => s.line)).toEqual(['get_state']);
  });

  it('treats garbage as a protocol error', async () => {
    const link = new FakeLink({ get_state: line('ok'), get_temperature: line('#garbage') });
    expect(await sensorDriver.poll(link)).toBeNull();
    expect(link.failedWith).toMatch(/^protocol error/);
  });
});
