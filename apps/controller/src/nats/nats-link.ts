/** Time after a reconnect during which a device's silence is not yet held against it. */
export const RECONNECT_GRACE_MS = 1000;

/** Whether the controller's own NATS connection is up right now, as its status events say. */
export class NatsLink {
  connected = false;
  /** Last status change, e.g. `disconnect`, for the health reason. */
  lastStatus = 'connecting';
  /** False while the connection that receives every status is disconnected. */
  hearing = true;
  /** When that connection last reconnected: silence before then is ours, not the devices'. */
  hearingSince = 0;
  private readonly reconnectListeners: Array<() => void> = [];

  /** The connection dropped: the controller can no longer hear devices. */
  hearingLost(): void {
    this.hearing = false;
  }

  /**
   * The connection is back at `now`. Agents reconnect on their own schedule (every 250 ms plus
   * jitter), so their silence is counted only after a grace.
   */
  hearingBack(now: number): void {
    this.hearing = true;
    this.hearingSince = now + RECONNECT_GRACE_MS;
  }

  /** Runs `listener` after every reconnect of the controller's own connection. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Called by the connection's status watcher when it has reconnected. */
  reconnected(): void {
    for (const listener of this.reconnectListeners) listener();
  }
}
