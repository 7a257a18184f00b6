import { stageKind } from '@fleet/contracts/wire';
import { ask, isDecimal, type DeviceDriver } from './driver';

/** Motion stage: `get_state` and `get_position` (mm). */
export const stageDriver: DeviceDriver = {
  spec: stageKind,
  async poll(link) {
    const hwState = await ask(link, 'get_state', (r) => stageKind.hardwareStates.includes(r));
    if (hwState === null) return null;
    const position = await ask(link, 'get_position', isDecimal);
    if (position === null) return null;
    return { hwState, readings: { position: Number(position) } };
  },
};
