import { sampleValue } from './prom-text';

const TEXT = [
  '# HELP fleet_controller_status_messages_total Valid status messages received from agents',
  '# TYPE fleet_controller_status_messages_total counter',
  'fleet_controller_status_messages_total 123456',
  'fleet_controller_status_messages_total_extra 1',
  'fleet_controller_partitions_owned{zone="a"} 9',
  'fleet_controller_partitions_owned 8',
  'fleet_controller_nats_connected NaN',
  'fleet_controller_partition_changes_total{change="acquired"} 16',
  'fleet_controller_partition_changes_total{change="lost"} 3',
].join('\n');

describe('prom-text - sample values', () => {
  it('reads an unlabelled sample and skips labelled ones and longer names', () => {
    expect(sampleValue(TEXT, 'fleet_controller_status_messages_total')).toBe(123456);
    expect(sampleValue(TEXT, 'fleet_controller_partitions_owned')).toBe(8);
  });

  it('reads a labelled sample asked for with its labels', () => {
    expect(sampleValue(TEXT, 'fleet_controller_partition_changes_total{change="lost"}')).toBe(3);
    expect(sampleValue(TEXT, 'fleet_controller_partition_changes_total{change="released"}')).toBeUndefined();
  });

  it('gives undefined for a missing metric or a value that is not a number', () => {
    expect(sampleValue(TEXT, 'fleet_controller_commands_total')).toBeUndefined();
    expect(sampleValue(TEXT, 'fleet_controller_nats_connected')).toBeUndefined();
  });
});
