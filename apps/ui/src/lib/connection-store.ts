/** Link between this page and the gateway. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting';

type Listener = () => void;

/** Tiny external store for the connection status. */
export class ConnectionStore {
  private status: ConnectionStatus = 'connecting';
  private readonly listeners = new Set<Listener>();

  readonly getStatus = (): ConnectionStatus => this.status;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.listeners.forEach((listener) => listener());
  }
}
