import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { partitionOf, type PartitionLayout } from '@fleet/contracts';
import type { Logger } from 'pino';
import { AlarmIntake } from '../alarms/alarm-intake.service';
import { AlarmsService } from '../alarms/alarms.service';
import { CommandIntake } from '../commands/command-intake.service';
import { CommandsService } from '../commands/commands.service';
import { DeviceIntake } from '../devices/device-intake.service';
import { DevicesService } from '../devices/devices.service';
import { IntakeQueue } from '../devices/intake-queue';
import type { RestoreOrigin } from '../devices/step-logic';
import { FleetView } from '../fleet-view/fleet-view.service';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { StateStoreService } from '../state-store/state-store.service';
import { PartitionInboxes, type InboxHandlers } from './partition-inbox';

/** How a partition leaves: handed over on purpose (finish its work first) or lost (stop at once). */
export type ReleaseMode = 'handover' | 'lost';

/**
 * What owning a partition means for the rest of the controller: taking one loads its devices
 * and alarms from the fleet view and subscribes to its subjects; giving one up unsubscribes, lets
 * commands in progress finish and KV writes land (handover), and forgets its devices.
 */
@Injectable()
export class OwnershipService {
  private inboxes: PartitionInboxes | undefined;
  private layout: PartitionLayout | undefined;
  private readonly handlers: InboxHandlers;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly devices: DevicesService,
    private readonly alarms: AlarmsService,
    private readonly commands: CommandsService,
    private readonly view: FleetView,
    private readonly store: StateStoreService,
    private readonly metrics: MetricsService,
    private readonly intakeQueue: IntakeQueue,
    deviceIntake: DeviceIntake,
    commandIntake: CommandIntake,
    alarmIntake: AlarmIntake,
  ) {
    this.handlers = {
      status: (subject, data) => deviceIntake.onStatus(subject, data),
      presence: (subject, data) => deviceIntake.onPresence(subject, data),
      command: (subject, data) => commandIntake.owned(subject, data),
      alarmAck: (subject, data) => Promise.resolve(alarmIntake.owned(subject, data)),
      alarmAction: (subject, data) => Promise.resolve(alarmIntake.ownedAction(subject, data)),
    };
  }

  /** Sets the broker's partition layout, learned at start-up. */
  useLayout(layout: PartitionLayout): void {
    this.layout = layout;
    this.inboxes = new PartitionInboxes(this.nc, layout, this.handlers, this.logger, this.intakeQueue);
  }

  /** Takes partitions: their stored devices and alarms first, then their subjects. */
  async adopt(partitions: readonly number[], origin: RestoreOrigin): Promise<void> {
    const owned = this.selector(partitions);
    this.alarms.adopt(this.view.alarmsWhere(owned), this.view.outOfServiceWhere(owned));
    this.devices.adopt(this.view.statesWhere(owned), origin);
    await Promise.all(partitions.map((p) => this.requireInboxes().subscribe(p)));
    this.metrics.partitionChanges.inc({ change: 'acquired' }, partitions.length);
    this.logger.info({ partitions, origin }, 'partitions taken');
  }

  /** Gives partitions up; a handover finishes their commands and stored writes first. */
  async release(partitions: readonly number[], mode: ReleaseMode): Promise<void> {
    const owned = this.selector(partitions);
    await Promise.all(partitions.map((p) => this.requireInboxes().unsubscribe(p, mode === 'handover')));
    if (mode === 'handover') {
      await this.commands.settled(owned);
      await this.store.flush();
    }
    for (const deviceId of this.devices.release(owned)) this.metrics.forgetDevice(deviceId);
    this.alarms.release(owned);
    this.metrics.partitionChanges.inc({ change: mode === 'handover' ? 'released' : 'lost' }, partitions.length);
    this.logger.info({ partitions, mode }, mode === 'handover' ? 'partitions handed over' : 'partitions lost');
  }

  private selector(partitions: readonly number[]): (deviceId: string) => boolean {
    const set = new Set(partitions);
    const count = this.layout?.count ?? 1;
    return (deviceId) => set.has(partitionOf(deviceId, count));
  }

  private requireInboxes(): PartitionInboxes {
    if (!this.inboxes) throw new Error('partition layout not probed yet');
    return this.inboxes;
  }
}
