import net from 'node:net';
import type { Logger } from 'pino';
import { Backoff } from './backoff';
import { LineSplitter } from '@fleet/line-protocol';

/**
 * The result of one request: the device's reply line, or why there is none. Never rejects.
 * `sent` marks a failure after the line was written to the device (a timeout or a drop while it
 * was in flight): the device may have acted on it.
 */
export type LinkReply = { ok: true; line: string } | { ok: false; error: string; sent?: true };

/** Commands from the controller go ahead of polls. */
export type RequestPriority = 'command' | 'poll';

/** What drivers and the command handler need from a link. */
export interface RequestLink {
  request(line: string, priority: RequestPriority): Promise<LinkReply>;
  /** Marks the link down (e.g. `protocol error: ...` on an unexpected reply) and reconnects. */
  fail(reason: string): void;
}

export interface DeviceLinkOptions {
  readonly host: string;
  readonly port: number;
  readonly requestTimeoutMs: number;
  readonly log: Logger;
  readonly connectTimeoutMs?: number;
  /** A connection up this long resets the backoff. */
  readonly stableMs?: number;
  readonly backoff?: Backoff;
  readonly maxQueuedCommands?: number;
}

interface Pending {
  line: string;
  resolve: (reply: LinkReply) => void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
const DEFAULT_STABLE_MS = 3000;
const DEFAULT_MAX_QUEUED_COMMANDS = 16;

function hasCode(err: Error): err is Error & { code: string } {
  return 'code' in err && typeof err.code === 'string';
}

/** Short, operator-readable reason for a socket error. */
export function reasonOf(err: Error): string {
  const code = hasCode(err) ? err.code : undefined;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'unreachable';
  return code ?? err.message.slice(0, 100);
}

/** The link's reason before its first connect attempt has an outcome. */
const INITIAL_REASON = 'connecting';

/**
 * TCP link to one device: one request on the wire at a time (commands ahead of polls), a timeout
 * per request, and reconnection with backoff. Any failure (timeout, close, reset, refused connect,
 * unexpected reply) marks the link down with a short reason and fails every pending request.
 */
export class DeviceLink implements RequestLink {
  readonly counters = { timeouts: 0, reconnects: 0 };
  private socket: net.Socket | null = null;
  private up = false;
  private reason = INITIAL_REASON;
  private inflight: (Pending & { timer: NodeJS.Timeout }) | null = null;
  private readonly commands: Pending[] = [];
  private readonly polls: Pending[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly backoff: Backoff;
  private closed = false;
  /** The device has replied at least once on the current connection. */
  private answered = false;

  constructor(private readonly options: DeviceLinkOptions) {
    this.backoff = options.backoff ?? new Backoff();
  }

  /**
   * Up means connected and the device has answered on this connection. A device that accepts
   * connections but never answers (hung) thus stays down with reason `timeout`, instead of
   * flapping up at every reconnect.
   */
  get isUp(): boolean {
    return this.up && this.answered;
  }

  /** Connected, whether or not the device has answered yet: requests may be sent. */
  get isConnected(): boolean {
    return this.up;
  }

  /** True until the first connect attempt has either connected or failed. */
  get firstAttemptPending(): boolean {
    return !this.up && this.reason === INITIAL_REASON;
  }

  /** Why the link is down; `undefined` while up. */
  get downReason(): string | undefined {
    return this.isUp ? undefined : this.reason;
  }

  /** Starts connecting (and reconnecting until {@link close}). */
  start(): void {
    this.connect();
  }

  request(line: string, priority: RequestPriority): Promise<LinkReply> {
    if (!this.up || this.closed) return Promise.resolve({ ok: false, error: `link down: ${this.reason}` });
    if (/[\r\n]/.test(line)) return Promise.resolve({ ok: false, error: 'invalid request line' });
    const queue = priority === 'command' ? this.commands : this.polls;
    if (priority === 'command' && queue.length >= (this.options.maxQueuedCommands ?? DEFAULT_MAX_QUEUED_COMMANDS)) {
      return Promise.resolve({ ok: false, error: 'busy: too many queued commands' });
    }
    return new Promise((resolve) => {
      queue.push({ line, resolve });
      this.pump();
    });
  }

  fail(reason: string): void {
    if (this.socket) this.drop(this.socket, reason);
  }

  /** Stops for good: no reconnect; pending requests fail. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.socket) this.drop(this.socket, 'closed');
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  private connect(): void {
    const { host, port, log } = this.options;
    const socket = net.connect({ host, port });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    const splitter = new LineSplitter();
    let errorReason: string | undefined;
    let connected = false;
    const connectTimer = this.later(this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, () =>
      this.drop(socket, 'connect timeout'),
    );
    socket.once('connect', () => {
      this.cancel(connectTimer);
      connected = true;
      this.up = true;
      log.info({ host, port }, 'device link up');
      const stable = this.later(this.options.stableMs ?? DEFAULT_STABLE_MS, () => this.backoff.reset());
      socket.once('close', () => this.cancel(stable));
      this.pump();
    });
    socket.on('data', (chunk: string) => {
      const lines = splitter.push(chunk);
      if (lines === null) return this.drop(socket, 'protocol error: reply line too long');
      for (const line of lines) {
        const pending = this.inflight;
        if (!pending) return this.drop(socket, 'protocol error: unsolicited reply');
        this.cancel(pending.timer);
        this.inflight = null;
        this.answered = true;
        pending.resolve({ ok: true, line });
      }
      this.pump();
    });
    socket.on('error', (err) => {
      errorReason = reasonOf(err);
    });
    socket.on('close', () => {
      this.cancel(connectTimer);
      this.drop(socket, errorReason ?? (connected ? 'closed by device' : 'closed'));
    });
  }

  private pump(): void {
    const socket = this.socket;
    if (this.inflight || !this.up || !socket) return;
    const next = this.commands.shift() ?? this.polls.shift();
    if (!next) return;
    const timer = this.later(this.options.requestTimeoutMs, () => {
      this.counters.timeouts++;
      this.drop(socket, 'timeout');
    });
    this.inflight = { ...next, timer };
    socket.write(`${next.line}\n`);
  }

  /** Marks the link down for `reason` (once per socket) and schedules the reconnect. */
  private drop(socket: net.Socket, reason: string): void {
    if (socket !== this.socket) return;
    this.socket = null;
    socket.destroy();
    const wasUp = this.isUp;
    const changed = wasUp || reason !== this.reason;
    this.up = false;
    this.answered = false;
    this.reason = reason;
    const inflight = this.inflight;
    const queued = [...this.commands.splice(0), ...this.polls.splice(0)];
    this.inflight = null;
    if (inflight) {
      this.cancel(inflight.timer);
      inflight.resolve({ ok: false, error: `link down: ${reason}`, sent: true });
    }
    for (const pending of queued) pending.resolve({ ok: false, error: `link down: ${reason}` });
    if (this.closed) return;
    const delay = this.backoff.next();
    // Repeated identical failures (device still absent) are not worth a warning each time.
    if (changed) this.options.log.warn({ reason, retryInMs: delay }, 'device link down');
    else this.options.log.debug({ reason, retryInMs: delay }, 'device link still down');
    this.later(delay, () => {
      this.counters.reconnects++;
      this.connect();
    });
  }
}
