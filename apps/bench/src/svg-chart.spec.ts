import { lineChart, niceMax } from './svg-chart';

describe('svg-chart - drawing', () => {
  it('rounds axis maxima up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(7)).toBe(10);
    expect(niceMax(130)).toBe(200);
    expect(niceMax(0.23)).toBe(0.25);
    expect(niceMax(0)).toBe(1);
  });

  it('draws a titled chart with one path and a legend entry per series, escaping text', () => {
    const svg = lineChart({
      title: 'Latency <p99>',
      xLabel: 'devices',
      yLabel: 'ms',
      series: [
        { name: 'p50', points: [[10, 5], [100, 8]] },
        { name: 'p99', points: [[10, 20], [100, 40]] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Latency &lt;p99&gt;');
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('>p99</text>');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
