import { Inject } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { SocketError, type AlarmAckReply, type AlarmActionReply, type ControlCommandReply, type FleetEvent, type FleetSnapshot } from '@fleet/contracts';
import type { Logger } from 'pino';
import { AuthService } from '../auth/auth.service';
import { CommandsService } from '../commands/commands.service';
import { ROOT_LOGGER } from '../core/tokens';
import { DeviceCacheService } from '../fleet-stream/device-cache.service';
import { MetricsService, type InputSource } from '../metrics/metrics.service';
import { ClientRegistryService } from './client-registry.service';
import { isAck, type Ack as AckCallback, type FleetServer, type FleetSocket } from './fleet-socket';

/** Commands and queries are tiny; refuse anything large before parsing it. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/** Client -> server events of the contract; anything else is counted and answered with an error. */
const KNOWN_EVENTS: ReadonlySet<string> = new Set(['command', 'snapshot', 'alarm:ack', 'alarm:action', 'events']);

/**
 * Socket.IO API (ARCHITECTURE.md): token auth at the handshake, `session` and `snapshot` on
 * connect, batched `devices`, relayed `event`s, and `command`, `alarm:ack`, `alarm:action`, `events` and
 * `snapshot` requests answered `{ data } | { error }` through their ack. Handlers never throw.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES })
export class FleetGateway implements OnGatewayInit<FleetServer>, OnGatewayConnection<FleetSocket>, OnGatewayDisconnect<FleetSocket> {
  private readonly log: Logger;

  constructor(
    private readonly auth: AuthService,
    private readonly cache: DeviceCacheService,
    private readonly registry: ClientRegistryService,
    private readonly commands: CommandsService,
    private readonly metrics: MetricsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'clients' });
  }

  /** Refuses the handshake (connect_error "unauthorized") unless `auth.token` is a configured token. */
  afterInit(server: FleetServer): void {
    server.use((socket, next) => {
      const session = this.auth.authenticate(socket.handshake.auth);
      if (session === undefined) {
        this.metrics.authFailures.inc();
        this.log.debug({ address: socket.handshake.address }, 'handshake refused: unauthorized');
        next(new Error(SocketError.unauthorized));
        return;
      }
      socket.data.session = session;
      next();
    });
  }

  handleConnection(client: FleetSocket): void {
    const session = client.data.session;
    if (session === undefined) {
      // Only reachable if the middleware was bypassed; never serve data without a session.
      client.disconnect(true);
      return;
    }
    client.onAny((event: unknown, ...args: unknown[]) => this.onUnknown(client, event, args));
    client.emit('session', session);
    client.emit('snapshot', this.cache.snapshot());
    this.registry.add(client);
    this.log.debug({ client: client.id, user: session.user, clients: this.registry.size }, 'client connected');
  }

  handleDisconnect(client: FleetSocket): void {
    this.registry.remove(client);
    this.log.debug({ client: client.id, clients: this.registry.size }, 'client disconnected');
  }

  /** `snapshot` request: every known device and the listed alarms, through the ack. */
  @SubscribeMessage('snapshot')
  onSnapshot(@ConnectedSocket() client: FleetSocket, @Ack() ack: unknown): void {
    if (!isAck<FleetSnapshot>(ack)) {
      this.metrics.invalid('socket-snapshot');
      this.log.debug({ client: client.id }, 'snapshot request without an ack ignored');
      return;
    }
    ack({ data: this.cache.snapshot() });
  }

  /** `command`: operators only, rate-limited, validated, forwarded with the user. */
  @SubscribeMessage('command')
  async onCommand(@ConnectedSocket() client: FleetSocket, @MessageBody() body: unknown, @Ack() ack: unknown): Promise<void> {
    const reply = this.admit<ControlCommandReply>(client, 'command', 'socket-command', ack, true);
    if (reply) reply(await this.commands.send(body, client.data.session?.user));
  }

  /** `alarm:ack`: operators only, rate-limited, validated, forwarded with the user. */
  @SubscribeMessage('alarm:ack')
  async onAlarmAck(@ConnectedSocket() client: FleetSocket, @MessageBody() body: unknown, @Ack() ack: unknown): Promise<void> {
    const reply = this.admit<AlarmAckReply>(client, 'alarm:ack', 'socket-alarm-ack', ack, true);
    if (reply) reply(await this.commands.ackAlarm(body, client.data.session?.user));
  }

  /** `alarm:action` (ack several with a comment, shelve, unshelve, out of service, in service): operators only, rate-limited, validated, forwarded with the user. */
  @SubscribeMessage('alarm:action')
  async onAlarmAction(@ConnectedSocket() client: FleetSocket, @MessageBody() body: unknown, @Ack() ack: unknown): Promise<void> {
    const reply = this.admit<AlarmActionReply>(client, 'alarm:action', 'socket-alarm-action', ack, true);
    if (reply) reply(await this.commands.alarmAction(body, client.data.session?.user));
  }

  /** `events`: recent history from the controller's event stream; any role, rate-limited. */
  @SubscribeMessage('events')
  async onEvents(@ConnectedSocket() client: FleetSocket, @MessageBody() body: unknown, @Ack() ack: unknown): Promise<void> {
    const reply = this.admit<FleetEvent[]>(client, 'events', 'socket-events', ack, false);
    if (reply) reply(await this.commands.queryEvents(body));
  }

  /**
   * Common gate of requests to the controller: an ack is required (without one the client could
   * never learn the outcome), viewers may not act, and each client has a rate limit. Returns the
   * ack to answer through once the request may proceed, or `undefined` when it was answered here.
   */
  private admit<T>(client: FleetSocket, event: string, source: InputSource, ack: unknown, operatorOnly: boolean): AckCallback<T> | undefined {
    if (!isAck<T>(ack)) {
      this.metrics.invalid(source);
      this.log.debug({ client: client.id, event }, 'request without an ack ignored');
      return undefined;
    }
    if (operatorOnly && client.data.session?.role !== 'operator') {
      this.metrics.refusals.inc({ reason: 'forbidden', event });
      ack({ error: SocketError.forbidden });
      return undefined;
    }
    if (!this.registry.allowCommand(client)) {
      this.metrics.refusals.inc({ reason: 'rate-limited', event });
      ack({ error: SocketError.rateLimited });
      return undefined;
    }
    return ack;
  }

  private onUnknown(client: FleetSocket, event: unknown, args: unknown[]): void {
    if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
    this.metrics.invalid('socket-unknown');
    const name = typeof event === 'string' ? event.slice(0, 64) : typeof event;
    const ack = args.at(-1);
    if (isAck<never>(ack)) ack({ error: `unknown event "${name}"` });
    this.log.debug({ client: client.id, event: name }, 'unknown client event');
  }
}
