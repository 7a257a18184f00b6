/** Where progress lines go; the bench prints them with the elapsed time. */
export interface Progress {
  line(text: string): void;
}

/** Progress on stdout, prefixed with the seconds since the run started. */
export function consoleProgress(startedAt = Date.now()): Progress {
  return {
    line: (text) => console.log(`[${String(Math.round((Date.now() - startedAt) / 1000)).padStart(4)} s] ${text}`),
  };
}
