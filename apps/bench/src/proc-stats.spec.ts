import { cpuPercent, parseCpuTicks, parseSmapsRollup, sampleProcess } from './proc-stats';

describe('proc-stats - parsing', () => {
  it('reads utime + stime even when the process name has spaces and parentheses', () => {
    const stat = '4242 (node (worker) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 11 0 5 0 0';
    expect(parseCpuTicks(stat)).toBe(175);
  });

  it('sums the private lines of smaps_rollup into the USS and reads PSS and RSS', () => {
    const text = [
      'Rss:               30000 kB',
      'Pss:               21000 kB',
      'Private_Clean:      1000 kB',
      'Private_Dirty:     15000 kB',
      'Private_Hugetlb:       0 kB',
    ].join('\n');
    expect(parseSmapsRollup(text)).toEqual({ ussBytes: 16000 * 1024, pssBytes: 21000 * 1024, rssBytes: 30000 * 1024 });
  });

  it('turns tick deltas into percent of one core', () => {
    const a = { cpuTicks: 100, ussBytes: 0, pssBytes: 0, rssBytes: 0 };
    const b = { cpuTicks: 150, ussBytes: 0, pssBytes: 0, rssBytes: 0 };
    expect(cpuPercent(a, b, 1000)).toBe(50);
  });
});

describe('proc-stats - this process', () => {
  it('samples a live process and reports a gone one as undefined', async () => {
    const sample = await sampleProcess(process.pid);
    expect(sample?.ussBytes).toBeGreaterThan(1024 * 1024);
    expect(await sampleProcess(2 ** 22 + 12345)).toBeUndefined();
  });
});
