import { DEFAULT_LOAD_HZ, DEFAULT_LOAD_PREFIX, loadGeneratorConfig } from './load-generator-config';

describe('load-generator config - nats url', () => {
  it('takes one server or a comma-separated list, blanks ignored', () => {
    const one = loadGeneratorConfig(['--nats-url', 'nats://127.0.0.1:4222', '--devices', '10']);
    expect(one.success && one.data).toEqual({ natsUrl: ['nats://127.0.0.1:4222'], devices: 10, hz: DEFAULT_LOAD_HZ, prefix: DEFAULT_LOAD_PREFIX });
    const many = loadGeneratorConfig(['--nats-url', 'nats://a:1, nats://b:2,', '--devices', '10']);
    expect(many.success && many.data.natsUrl).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('names the server list when it is empty or holds something else', () => {
    for (const url of [' , ', 'nats://a:1,b:2']) {
      const result = loadGeneratorConfig(['--nats-url', url, '--devices', '10']);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path[0]).toBe('natsUrl');
    }
  });
});
