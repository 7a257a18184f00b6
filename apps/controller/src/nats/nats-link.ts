/** Whether the controller's own NATS connection is up right now, as its status events say. */
export class NatsLink {
  connected = false;
  /** Last status change, e.g. `disconnect`, for the health reason. */
  lastStatus = 'connecting';
  private readonly reconnectListeners: Array<() => void> = [];

  /** Runs `listener` after every reconnect of the controller's own connection. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Called by the connection's status watcher when it has reconnected. */
  reconnected(): void {
    for (const listener of this.reconnectListeners) listener();
  }
}
