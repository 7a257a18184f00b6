/** Longest line a device accepts; a longer one is hostile or garbage and ends the connection. */
export const MAX_LINE_LENGTH = 1024;

/** Splits a byte stream into lines; accepts `\n` and `\r\n` endings. */
export class LineSplitter {
  private buffer = '';

  /**
   * Feeds a chunk; returns the complete lines it finished, or `null` when the pending
   * (unterminated) line exceeds {@link MAX_LINE_LENGTH}.
   */
  push(chunk: string): string[] | null {
    this.buffer += chunk;
    const parts = this.buffer.split('\n');
    this.buffer = parts.pop() ?? '';
    if (this.buffer.length > MAX_LINE_LENGTH) return null;
    return parts.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }
}
