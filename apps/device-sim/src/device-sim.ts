/** What a simulated device does with one received line. */
export interface LineResult {
  /** Reply line without its `\n`; `null` sends nothing. */
  readonly reply: string | null;
  /** Close the connection after the reply (if any) is written. */
  readonly close: boolean;
}

/** One simulated device: its state lives here and is shared by every connected client. */
export interface SimDevice {
  readonly kind: 'camera' | 'stage' | 'sensor';
  /** Handles one command line (without its line ending) received at `now` (ms since epoch). */
  handleLine(line: string, now: number): LineResult;
  /** Puts the device into its fault state (stage and sensor `fault`, camera `unknown`). */
  injectFault(now: number): void;
  /** Ends the device's fault state, as if an engineer fixed it (a stage comes back unhomed). */
  clearFault(now: number): void;
  /** True while the device reports its fault state. */
  inFault(now: number): boolean;
}

/** Shorthand for a normal reply that keeps the connection open. */
export function reply(line: string): LineResult {
  return { reply: line, close: false };
}

/** The command word of a line: its first whitespace-separated token ('' for an empty line). */
export function commandWord(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}
