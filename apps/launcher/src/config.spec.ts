import { loadConfig } from './config';

describe('launcher config - sources', () => {
  it('defaults to 3 cameras, 2 stages and port 8080', () => {
    const config = loadConfig([], {});
    expect(config.success && config.data).toMatchObject({ cameras: 3, stages: 2, port: 8080, natsUrl: undefined });
  });

  it('prefers flags over FLEET_* env', () => {
    const config = loadConfig(['--cameras', '5'], { FLEET_SIM_CAMERAS: '7', FLEET_SIM_STAGES: '1', NATS_URL: 'nats://h:1' });
    expect(config.success && config.data).toMatchObject({ cameras: 5, stages: 1, natsUrl: 'nats://h:1' });
  });

  it('rejects a bad value with the field named', () => {
    const config = loadConfig(['--port', 'eighty'], {});
    expect(config.success).toBe(false);
    expect(config.error?.issues[0]?.path).toEqual(['port']);
  });
});
