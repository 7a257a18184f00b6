import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { subjects, type ControlSnapshot } from '@fleet/contracts';
import { AlarmsService } from '../alarms/alarms.service';
import { FleetView } from '../fleet-view/fleet-view.service';
import { DevicesService } from './devices.service';

/** The snapshot request, answered by any replica. */
@Controller()
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly alarms: AlarmsService,
    private readonly view: FleetView,
  ) {}

  /**
   * Every known device's current state, and the alarms that are active or unacknowledged; any
   * request body is ignored. Any replica answers: live records for the devices it owns, the
   * stored state (as of the last transition) for the others.
   */
  @MessagePattern(subjects.controlSnapshot)
  snapshot(): ControlSnapshot {
    const owned = this.devices.ownedStates();
    const others = this.view.statesWhere((deviceId) => !owned.has(deviceId));
    const ownAlarms = this.alarms.list();
    const ownIds = new Set(ownAlarms.map((alarm) => alarm.id));
    const otherAlarms = this.view.alarmsWhere((deviceId) => !owned.has(deviceId)).filter((alarm) => !ownIds.has(alarm.id));
    const ownOutOfService = this.alarms.outOfServiceList();
    const ownOos = new Set(ownOutOfService.map((r) => r.deviceId));
    return {
      devices: [...owned.values(), ...others],
      alarms: [...ownAlarms, ...otherAlarms].sort((a, b) => a.raisedAt - b.raisedAt),
      outOfService: [...ownOutOfService, ...this.view.outOfServiceWhere((deviceId) => !owned.has(deviceId) && !ownOos.has(deviceId))],
    };
  }
}
