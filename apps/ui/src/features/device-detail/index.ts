export { DeviceDetail } from './device-detail';
