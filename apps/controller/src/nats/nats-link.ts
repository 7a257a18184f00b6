/** Whether the controller's own NATS connection is up right now, as its status events say. */
export class NatsLink {
  connected = false;
  /** Last status change, e.g. `disconnect`, for the health reason. */
  lastStatus = 'connecting';
}
