import { SUBJECT_PREFIX } from '../subjects';

/**
 * How the broker splits the fleet: `mapped` when it appends a partition token (see
 * `partitionMappings`), with `count` partitions; an unmapped broker is one partition.
 */
export interface PartitionLayout {
  readonly mapped: boolean;
  readonly count: number;
}

/** What a broker without the partition mapping amounts to: one partition, the plain subjects. */
export const UNMAPPED_LAYOUT: PartitionLayout = { mapped: false, count: 1 };

/** The subjects a controller subscribes to for one partition it owns. */
export interface PartitionInbox {
  readonly status: string;
  readonly presence: string;
  readonly command: string;
  readonly alarmAck: string;
  readonly alarmAction: string;
}

/** Subscription subjects of partition `p` under `layout`. */
export function partitionInbox(layout: PartitionLayout, p: number): PartitionInbox {
  const suffix = layout.mapped ? `.${p}` : '';
  return {
    status: `${SUBJECT_PREFIX}.device.*.status${suffix}`,
    presence: `${SUBJECT_PREFIX}.device.*.presence${suffix}`,
    command: `${SUBJECT_PREFIX}.control.command.*${suffix}`,
    alarmAck: `${SUBJECT_PREFIX}.control.alarm.ack.*${suffix}`,
    alarmAction: `${SUBJECT_PREFIX}.control.alarm.action.*${suffix}`,
  };
}
