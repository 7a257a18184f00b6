/** Seconds of history kept per device for the trend chart. */
export const TREND_WINDOW_S = 60;

/** Enough room for 60 s at up to 20 statuses per second. */
const CAPACITY = 1200;

/**
 * The main reading of one device over the last minute, as two parallel arrays (x in seconds
 * since the epoch, y the value or null) in the shape uPlot draws without copying per point.
 */
export class TrendBuffer {
  private readonly xs = new Float64Array(CAPACITY);
  private readonly ys = new Float64Array(CAPACITY);
  private start = 0;
  private size = 0;

  /** Appends one sample; `null` values (not available) are drawn as gaps. */
  push(tsMs: number, value: number | null): void {
    const index = (this.start + this.size) % CAPACITY;
    this.xs[index] = tsMs / 1000;
    this.ys[index] = value ?? Number.NaN;
    if (this.size < CAPACITY) this.size += 1;
    else this.start = (this.start + 1) % CAPACITY;
  }

  /** The samples of the last {@link TREND_WINDOW_S} seconds before `nowMs`. */
  series(nowMs: number): [number[], Array<number | null>] {
    const from = nowMs / 1000 - TREND_WINDOW_S;
    const x: number[] = [];
    const y: Array<number | null> = [];
    for (let i = 0; i < this.size; i += 1) {
      const index = (this.start + i) % CAPACITY;
      const t = this.xs[index] ?? 0;
      if (t < from) continue;
      const v = this.ys[index] ?? Number.NaN;
      x.push(t);
      y.push(Number.isNaN(v) ? null : v);
    }
    return [x, y];
  }

  get length(): number {
    return this.size;
  }
}
