/** What the launcher runs, as its start and ready lines describe it. */
export interface FleetShape {
  readonly controllers: number;
  readonly partitions: number;
  /** Nodes of the broker the launcher started; undefined when the broker was given (NATS_URL). */
  readonly natsNodes: number | undefined;
  /** The broker's servers (given, or the ones started; none yet before the start). */
  readonly natsServers: readonly string[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One phrase for how many controllers and broker nodes run, e.g.
 * `2 controllers, 16 partitions; broker: local 3-node cluster nats://…,nats://…`.
 */
export function describeFleet(shape: FleetShape): string {
  const servers = shape.natsServers.length > 0 ? ` ${shape.natsServers.join(',')}` : '';
  const broker =
    shape.natsNodes === undefined
      ? `given broker${servers} (${plural(shape.natsServers.length, 'server')}; its mapping must have ${shape.partitions} partitions)`
      : shape.natsNodes === 1
        ? `local broker${servers}`
        : `local ${shape.natsNodes}-node cluster${servers}`;
  return `${plural(shape.controllers, 'controller')}, ${plural(shape.partitions, 'partition')}; ${broker}`;
}
