import { cameraKind } from '@fleet/contracts/wire';
import { ask, isDecimal, type DeviceDriver } from './driver';

/**
 * Camera: `get_state`, then `get_exposing_time` only while exposing. The camera server drops the
 * connection on `get_exposing_time` before its first exposure; `exposing` proves one has started,
 * so asking then is safe even if a queued command runs between the two requests.
 */
export const cameraDriver: DeviceDriver = {
  spec: cameraKind,
  async poll(link) {
    const hwState = await ask(link, 'get_state', (r) => cameraKind.hardwareStates.includes(r));
    if (hwState === null) return null;
    if (hwState !== 'exposing') return { hwState, readings: { exposingTime: null } };
    const time = await ask(link, 'get_exposing_time', isDecimal);
    if (time === null) return null;
    return { hwState, readings: { exposingTime: Number(time) } };
  },
};
