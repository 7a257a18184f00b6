/** A wall-clock time for logs and alarms, `—` when unknown. */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : new Date(ms).toLocaleTimeString();
}
