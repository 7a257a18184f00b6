import type { DeviceKindSpec, DeviceStatus } from '@fleet/contracts';
import { formatReading } from '../../lib/device-presentation';

/** Every reading the kind declares, labelled and with units. */
export function ReadingsList({ spec, status }: { spec: DeviceKindSpec; status: DeviceStatus | undefined }) {
  return (
    <dl className="facts">
      {spec.readings.map((reading) => (
        <div key={reading.key}>
          <dt>{reading.label}</dt>
          <dd data-testid={`reading-${reading.key}`}>{formatReading(status?.readings[reading.key], reading.unit)}</dd>
        </div>
      ))}
    </dl>
  );
}
