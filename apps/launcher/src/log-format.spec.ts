import { formatLogLine } from './log-format';

describe('log-format - human lines', () => {
  it('renders a pino line as time, service, level, message and fields', () => {
    const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 1, 12, 34, 56), pid: 1, msg: 'link down', reason: 'refused' });
    expect(formatLogLine('agent camera-1', line)).toBe('12:34:56 agent camera-1     WARN  link down reason=refused');
  });

  it('passes other output through, prefixed', () => {
    expect(formatLogLine('sim', 'plain text')).toBe('sim                plain text');
  });
});
