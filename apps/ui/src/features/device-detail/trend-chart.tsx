import type { ReadingSpec } from '@fleet/contracts';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useFleetClient } from '../../lib/fleet-context';
import { TREND_WINDOW_S } from '../../lib/trend-buffer';

/** Chart redraws per second at most; smoother than that is invisible and costs main-thread time. */
const REDRAW_MS = 200;
const HEIGHT = 160;

/** Live trend of one reading over the last minute (uPlot: canvas, cheap to redraw). */
export function TrendChart({ deviceId, reading }: { deviceId: string; reading: ReadingSpec }) {
  const { store } = useFleetClient();
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const styles = getComputedStyle(document.documentElement);
    const axis = { stroke: styles.getPropertyValue('--muted').trim() || '#8b96a5', grid: { stroke: '#2d364355' }, ticks: { stroke: '#2d3643' } };
    const plot = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, label: reading.unit ?? '', size: 50 }],
        series: [{}, { label: reading.label, stroke: styles.getPropertyValue('--accent').trim() || '#4ea1ff', width: 2, spanGaps: false }],
      },
      [[], []],
      host,
    );
    const draw = () => {
      const now = Date.now();
      const [x, y] = store.trendOf(deviceId)?.series(now) ?? [[], []];
      plot.batch(() => {
        plot.setData([x, y], false);
        plot.setScale('x', { min: now / 1000 - TREND_WINDOW_S, max: now / 1000 });
      });
      host.dataset.points = String(x.length);
      const last = y.at(-1);
      host.dataset.last = last === null || last === undefined ? '' : String(last);
    };
    draw();
    const timer = setInterval(draw, REDRAW_MS);
    const observer = new ResizeObserver(() => plot.setSize({ width: Math.max(200, host.clientWidth), height: HEIGHT }));
    observer.observe(host);
    return () => {
      clearInterval(timer);
      observer.disconnect();
      plot.destroy();
    };
  }, [store, deviceId, reading]);

  return (
    <figure className="trend">
      <figcaption className="muted">
        {reading.label} — last {TREND_WINDOW_S} s
      </figcaption>
      <div ref={hostRef} className="trend-plot" data-testid="trend-chart" role="img" aria-label={`${reading.label} over the last minute`} />
    </figure>
  );
}
