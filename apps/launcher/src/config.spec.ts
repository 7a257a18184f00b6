import { loadConfig } from './config';

describe('launcher config - sources', () => {
  it('defaults to 3 cameras, 2 stages and port 8080', () => {
    const config = loadConfig([], {});
    expect(config.success && config.data).toMatchObject({ cameras: 3, stages: 2, port: 8080, natsUrl: undefined, controllers: 1, natsNodes: 1, partitions: 16 });
  });

  it('prefers flags over FLEET_* env', () => {
    const config = loadConfig(['--cameras', '5'], { FLEET_SIM_CAMERAS: '7', FLEET_SIM_STAGES: '1', NATS_URL: 'nats://h:1' });
    expect(config.success && config.data).toMatchObject({ cameras: 5, stages: 1, natsUrl: ['nats://h:1'] });
  });

  it('rejects a bad value with the field named', () => {
    const config = loadConfig(['--port', 'eighty'], {});
    expect(config.success).toBe(false);
    expect(config.error?.issues[0]?.path).toEqual(['port']);
  });
});

describe('launcher config - nats url', () => {
  it('takes a comma-separated list of servers, blanks ignored', () => {
    const config = loadConfig(['--nats-url', 'nats://a:1, nats://b:2,'], { NATS_URL: 'nats://ignored:1' });
    expect(config.success && config.data.natsUrl).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('refuses an empty list and an entry that is not a URL', () => {
    for (const url of [' , ', 'nats://a:1,b:2']) {
      const config = loadConfig([], { NATS_URL: url });
      expect(config.success).toBe(false);
      expect(config.error?.issues[0]?.path[0]).toBe('natsUrl');
    }
  });
});

describe('launcher config - replicas and partitions', () => {
  it('reads controllers, broker nodes and partitions from flags over env', () => {
    const config = loadConfig(['--controllers', '3', '--nats-nodes', '3'], { FLEET_CONTROLLERS: '2', FLEET_PARTITIONS: '8' });
    expect(config.success && config.data).toMatchObject({ controllers: 3, natsNodes: 3, partitions: 8 });
  });

  it('refuses broker node counts other than 1 and 3, zero controllers and partitions past the maximum', () => {
    const cases: Array<{ argv: string[]; field: string }> = [
      { argv: ['--nats-nodes', '2'], field: 'natsNodes' },
      { argv: ['--controllers', '0'], field: 'controllers' },
      { argv: ['--partitions', '5000'], field: 'partitions' },
    ];
    for (const { argv, field } of cases) {
      const config = loadConfig(argv, {});
      expect({ argv, path: config.error?.issues[0]?.path }).toEqual({ argv, path: [field] });
    }
  });

  it('refuses a cluster size for a broker it does not start', () => {
    const config = loadConfig(['--nats-nodes', '3'], { NATS_URL: 'nats://h:1' });
    expect(config.error?.issues[0]?.path).toEqual(['natsNodes']);
  });
});
