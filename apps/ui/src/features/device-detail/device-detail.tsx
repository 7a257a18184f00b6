import { getDeviceKind } from '@fleet/contracts';
import { LinkBadge } from '../../components/link-badge';
import { StateBadge } from '../../components/state-badge';
import { useDevice } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';
import { AlarmHistory } from './alarm-history';
import { CommandPanel } from './command-panel';
import { ReadingsList } from './readings-list';
import { TrendChart } from './trend-chart';

/** The selected device: state, link, readings and controls. */
export function DeviceDetail({ deviceId, onClose }: { deviceId: string; onClose: () => void }) {
  const device = useDevice(deviceId);
  if (!device) {
    return (
      <aside className="detail" data-testid="device-detail">
        <p className="muted">{deviceId} is no longer reported.</p>
        <button type="button" onClick={onClose}>Close</button>
      </aside>
    );
  }
  const spec = getDeviceKind(device.kind);
  const { state, status } = device;
  const link = status?.link ?? state?.link;
  // The status is fresher than the controller's state; never show a stale reason next to a live link.
  const linkReason = status ? status.linkReason : state?.linkReason;
  const mainReading = spec?.readings.find((r) => r.key === spec.mainReading);
  return (
    <aside className="detail" data-testid="device-detail" aria-label={`Device ${deviceId}`}>
      <header className="detail-head">
        <h2 data-testid="detail-device-id">{deviceId}</h2>
        <span className="muted">{spec?.label ?? device.kind}</span>
        <button type="button" className="close" onClick={onClose} aria-label="Close detail" data-testid="detail-close">
          ×
        </button>
      </header>
      <dl className="facts">
        <div>
          <dt>State</dt>
          <dd>
            <StateBadge kind={device.kind} state={state?.state} testId="detail-state" />
          </dd>
        </div>
        <div>
          <dt>Since</dt>
          <dd title={state?.reason}>{formatTime(state?.since)}</dd>
        </div>
        <div>
          <dt>Reason</dt>
          <dd data-testid="detail-reason">{state?.reason ?? '—'}</dd>
        </div>
        <div>
          <dt>Hardware state</dt>
          <dd data-testid="detail-hw-state">{status?.hwState ?? state?.hwState ?? '—'}</dd>
        </div>
        <div>
          <dt>Link</dt>
          <dd>
            <LinkBadge link={link} reason={linkReason} testId="detail-link" />
            {linkReason && (
              <span className="link-reason" data-testid="detail-link-reason">
                {' '}
                {linkReason}
              </span>
            )}
          </dd>
        </div>
        {state?.step && (
          <div>
            <dt>Step</dt>
            <dd data-testid="detail-step">
              {state.step.name} until {formatTime(state.step.deadline)}
            </dd>
          </div>
        )}
        <div>
          <dt>Last status</dt>
          <dd data-testid="detail-last-status" data-stale={device.stale}>
            {formatTime(status?.ts)}
            {device.stale && <span className="mark mark-stale"> stale</span>}
          </dd>
        </div>
      </dl>
      {spec && <ReadingsList spec={spec} status={status} />}
      {mainReading && <TrendChart key={deviceId} deviceId={deviceId} reading={mainReading} />}
      <CommandPanel key={deviceId} deviceId={deviceId} kind={device.kind} state={state?.state} />
      <AlarmHistory deviceId={deviceId} />
    </aside>
  );
}
