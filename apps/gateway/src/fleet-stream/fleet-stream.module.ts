import { Module } from '@nestjs/common';
import { DeviceCacheService } from './device-cache.service';
import { FleetSubscriberService } from './fleet-subscriber.service';
import { SnapshotLoaderService } from './snapshot-loader.service';

/** NATS subscriptions and the in-memory cache of every device's latest status and state. */
@Module({
  providers: [DeviceCacheService, FleetSubscriberService, SnapshotLoaderService],
  exports: [DeviceCacheService],
})
export class FleetStreamModule {}
