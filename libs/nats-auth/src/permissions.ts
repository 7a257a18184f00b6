import { CLAIMS_BUCKET, subjects, SUBJECT_PREFIX } from '@fleet/contracts/wire';
import type { Identity } from './identities';
import { mappedSubject } from './mapped-subject';

/** What the broker lets one identity do. Empty `publish` means it may publish nothing but replies. */
export interface Permissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer requests it received (on their reply subject), once each. */
  readonly allowResponses: boolean;
  /**
   * May hear replies to its own requests (requests, JetStream API answers, KV watches) on its
   * private inbox, `_INBOX_<its public key>.>` (`inboxSubjectOf`): never on anybody else's.
   */
  readonly inbox: boolean;
}

const P = SUBJECT_PREFIX;
const CLAIMS_STREAM = `KV_${CLAIMS_BUCKET}`;

/** A per-device subject as published, plus its form on a partitioned broker. */
function withMapped(subject: string, partitions: number): string[] {
  const mapped = mappedSubject(subject, partitions);
  return mapped === subject ? [subject] : [subject, mapped];
}

/** The read-only view of the fleet: live status (either broker), state transitions and events. */
const FLEET_VIEW = [subjects.allDeviceStatus, subjects.allDeviceStatusPartitioned, subjects.allControlState, subjects.allEvents];

/** Operator requests to the controllers: commands, acknowledgements and alarm actions, snapshots, history. */
const OPERATOR_REQUESTS = [
  subjects.controlCommand,
  `${subjects.controlCommand}.*`,
  `${subjects.controlCommand}.*.*`,
  subjects.alarmAck,
  `${subjects.alarmAck}.*`,
  `${subjects.alarmAck}.*.*`,
  subjects.alarmAction,
  `${subjects.alarmAction}.*`,
  `${subjects.alarmAction}.*.*`,
  subjects.controlSnapshot,
  subjects.controlEvents,
];

/**
 * JetStream rights of a pooled agent: the claims bucket only. It may create the bucket and read,
 * write and watch its keys; it cannot purge or delete a stream (only the controller has
 * `$JS.API.STREAM.PURGE` / `DELETE`).
 */
const CLAIMS_BUCKET_RIGHTS = [
  '$JS.API.INFO',
  `$JS.API.STREAM.INFO.${CLAIMS_STREAM}`,
  `$JS.API.STREAM.CREATE.${CLAIMS_STREAM}`,
  `$JS.API.STREAM.MSG.GET.${CLAIMS_STREAM}`,
  `$JS.API.DIRECT.GET.${CLAIMS_STREAM}`,
  `$JS.API.DIRECT.GET.${CLAIMS_STREAM}.>`,
  `$JS.API.CONSUMER.CREATE.${CLAIMS_STREAM}`,
  `$JS.API.CONSUMER.CREATE.${CLAIMS_STREAM}.>`,
  `$JS.API.CONSUMER.DELETE.${CLAIMS_STREAM}.*`,
  `$JS.API.CONSUMER.INFO.${CLAIMS_STREAM}.*`,
  `$KV.${CLAIMS_BUCKET}.>`,
];

/**
 * The broker permissions of `identity` on a broker partitioning the fleet into `partitions`
 * (the rights hold on an unmapped broker too). This is the permission table of docs/security.md.
 */
export function permissionsOf(identity: Identity, partitions: number): Permissions {
  switch (identity.role) {
    case 'agent':
      return {
        publish: identity.devices.flatMap((id) => [...withMapped(subjects.deviceStatus(id), partitions), ...withMapped(subjects.devicePresence(id), partitions)]),
        subscribe: identity.devices.map((id) => subjects.deviceCommand(id)),
        allowResponses: true,
        inbox: false,
      };
    case 'agent-pool':
      return {
        publish: [subjects.allDeviceStatus, subjects.allDeviceStatusPartitioned, subjects.allDevicePresence, `${subjects.allDevicePresence}.*`, ...CLAIMS_BUCKET_RIGHTS],
        subscribe: [subjects.deviceCommand('*')],
        allowResponses: true,
        inbox: true,
      };
    case 'controller':
      return {
        publish: [`${P}.control.>`, subjects.allEvents, subjects.deviceCommand('*'), '$JS.API.>', '$KV.>', '$JS.ACK.>', '$JS.FC.>'],
        subscribe: [subjects.allDeviceStatus, subjects.allDeviceStatusPartitioned, subjects.allDevicePresence, `${subjects.allDevicePresence}.*`, `${P}.control.>`],
        allowResponses: true,
        inbox: true,
      };
    case 'gateway':
    case 'automation':
      return { publish: OPERATOR_REQUESTS, subscribe: FLEET_VIEW, allowResponses: false, inbox: true };
    case 'sim':
      return { publish: [], subscribe: [subjects.simFault('*')], allowResponses: true, inbox: false };
    case 'harness':
      return { publish: ['>'], subscribe: ['>'], allowResponses: true, inbox: true };
  }
}
