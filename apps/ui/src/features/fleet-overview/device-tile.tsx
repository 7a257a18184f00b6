import { getDeviceKind } from '@fleet/contracts';
import { memo } from 'react';
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
  const label = `${deviceId}, ${state ?? 'state unknown'}${link === 'down' ? ', link down' : ''}${device.stale ? ', no recent data' : ''}`;
  return (
    <button
      type="button"
      className={`tile tone-${toneOf(device.kind, state)}${selected ? ' selected' : ''}${device.stale ? ' stale' : ''}`}
      data-testid={`device-tile-${deviceId}`}
      data-stale={device.stale}
      data-link={link ?? 'unknown'}
      aria-pressed={selected}
      aria-label={label}
      onClick={() => onSelect(deviceId)}
    >
      <span className="tile-head">
        <span className="tile-id">{deviceId}</span>
        <span className="tile-kind">{getDeviceKind(device.kind)?.label ?? device.kind}</span>
      </span>
      <span className="tile-badges">
        <StateBadge kind={device.kind} state={state} testId={`device-state-${deviceId}`} />
        {link === 'down' && (
          <span className="mark mark-link-down" title={device.status?.linkReason ?? device.state?.linkReason} data-testid={`device-link-down-${deviceId}`}>
            link down
          </span>
        )}
        {device.stale && (
          <span className="mark mark-stale" title="No status for 3 periods" data-testid={`device-stale-${deviceId}`}>
            stale
          </span>
        )}
      </span>
      {reading && (
        <span className="tile-reading" data-testid={`device-reading-${deviceId}`}>
          <span className="tile-reading-label">{reading.label}</span>
          <span className="tile-reading-value">{reading.text}</span>
        </span>
      )}
    </button>
  );
});
