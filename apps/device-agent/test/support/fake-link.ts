import type { LinkReply, RequestLink, RequestPriority } from '../../src/device-link';

/** A scripted link for driver and command tests: replies by request line, records what was sent. */
export class FakeLink implements RequestLink {
  readonly sent: Array<{ line: string; priority: RequestPriority }> = [];
  failedWith: string | undefined;

  constructor(private readonly replies: Record<string, LinkReply>) {}

  request(line: string, priority: RequestPriority): Promise<LinkReply> {
    this.sent.push({ line, priority });
    return Promise.resolve(this.replies[line] ?? { ok: false, error: 'link down: closed by device' });
  }

  fail(reason: string): void {
    this.failedWith = reason;
  }
}

/** A reply line. */
export const line = (text: string): LinkReply => ({ ok: true, line: text });
