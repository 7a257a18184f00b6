import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommandsModule } from '../commands/commands.module';
import { FleetStreamModule } from '../fleet-stream/fleet-stream.module';
import { ClientRegistryService } from './client-registry.service';
import { FleetGateway } from './fleet.gateway';

/** Browser connections: the Socket.IO gateway and per-client batching. */
@Module({
  imports: [AuthModule, FleetStreamModule, CommandsModule],
  providers: [FleetGateway, ClientRegistryService],
})
export class ClientsModule {}
