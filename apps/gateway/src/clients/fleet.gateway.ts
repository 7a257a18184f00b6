import { Inject } from '@nestjs/common';
import {
  Ack,
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import type { ControlCommandReply, FleetSnapshot } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CommandsService } from '../commands/commands.service';
import { ROOT_LOGGER } from '../core/tokens';
import { DeviceCacheService } from '../fleet-stream/device-cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { ClientRegistryService } from './client-registry.service';
import { isAck, type FleetSocket } from './fleet-socket';

/** Commands and snapshot requests are tiny; refuse anything large before parsing it. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

/**
 * Socket.IO API (ARCHITECTURE.md): `snapshot` on connect and on request, batched `devices`,
 * relayed `event`s, and `command` with an ack. Handlers answer `{ data } | { error }` through
 * the ack and never throw.
 */
@WebSocketGateway({ serveClient: false, maxHttpBufferSize: MAX_CLIENT_MESSAGE_BYTES })
export class FleetGateway implements OnGatewayConnection<FleetSocket>, OnGatewayDisconnect<FleetSocket> {
  private readonly log: Logger;

  constructor(
    private readonly cache: DeviceCacheService,
    private readonly registry: ClientRegistryService,
    private readonly commands: CommandsService,
    private readonly metrics: MetricsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'clients' });
  }

  handleConnection(client: FleetSocket): void {
    client.emit('snapshot', this.cache.snapshot());
    this.registry.add(client);
    this.log.debug({ client: client.id, clients: this.registry.size }, 'client connected');
  }

  handleDisconnect(client: FleetSocket): void {
    this.registry.remove(client);
    this.log.debug({ client: client.id, clients: this.registry.size }, 'client disconnected');
  }

  /** `snapshot` request: every known device, through the ack. */
  @SubscribeMessage('snapshot')
  onSnapshot(@ConnectedSocket() client: FleetSocket, @Ack() ack: unknown): void {
    if (!isAck<FleetSnapshot>(ack)) {
      this.metrics.invalid('socket-snapshot');
      this.log.debug({ client: client.id }, 'snapshot request without an ack ignored');
      return;
    }
    ack({ data: this.cache.snapshot() });
  }

  /** `command`: validated, forwarded to the controller, answered through the ack. */
  @SubscribeMessage('command')
  async onCommand(
    @ConnectedSocket() client: FleetSocket,
    @MessageBody() body: unknown,
    @Ack() ack: unknown,
  ): Promise<void> {
    if (!isAck<ControlCommandReply>(ack)) {
      // Without an ack the operator could never learn the outcome, so the command is not sent.
      this.metrics.invalid('socket-command');
      this.log.debug({ client: client.id }, 'command without an ack ignored');
      return;
    }
    const result = await this.commands.send(body);
    ack(result);
  }
}
