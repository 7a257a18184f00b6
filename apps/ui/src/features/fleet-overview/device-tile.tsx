import { getDeviceKind } from '@fleet/contracts';
import { memo } from 'react';
import { LinkBadge } from '../../components/link-badge';
import { StateBadge } from '../../components/state-badge';
import { mainReadingOf, toneOf } from '../../lib/device-presentation';
import { useDevice } from '../../lib/fleet-context';

interface DeviceTileProps {
  deviceId: string;
  selected: boolean;
  onSelect: (deviceId: string) => void;
}

/** One device in the overview; subscribes to its own device only, so it re-renders alone. */
export const DeviceTile = memo(function DeviceTile({ deviceId, selected, onSelect }: DeviceTileProps) {
  const device = useDevice(deviceId);
  if (!device) return null;
  const state = device.state?.state;
  const link = device.status?.link ?? device.state?.link;
  const reading = mainReadingOf(device);
  return (
    <button
      type="button"
      className={`tile tone-${toneOf(device.kind, state)}${selected ? ' selected' : ''}`}
      data-testid={`device-tile-${deviceId}`}
      aria-pressed={selected}
      onClick={() => onSelect(deviceId)}
    >
      <span className="tile-head">
        <span className="tile-id">{deviceId}</span>
        <span className="tile-kind">{getDeviceKind(device.kind)?.label ?? device.kind}</span>
      </span>
      <StateBadge kind={device.kind} state={state} testId={`device-state-${deviceId}`} />
      <LinkBadge link={link} testId={`device-link-${deviceId}`} />
      {reading && (
        <span className="tile-reading" data-testid={`device-reading-${deviceId}`}>
          <span className="tile-reading-label">{reading.label}</span>
          <span className="tile-reading-value">{reading.text}</span>
        </span>
      )}
    </button>
  );
});
