import { ValueStore } from './value-store';

/** Link between this page and the gateway; `unauthorized` means the token was refused. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

/** The connection status, as an external store. */
export class ConnectionStore extends ValueStore<ConnectionStatus> {
  constructor() {
    super('connecting');
  }

  readonly getStatus = (): ConnectionStatus => this.get();
}
