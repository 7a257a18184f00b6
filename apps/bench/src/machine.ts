import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** What the figures were measured on. */
export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  natsServer: string;
  platform: string;
}

/** Describes this machine; `natsServerBinary` is asked for its version. */
export function describeMachine(natsServerBinary: string): MachineDescription {
  let natsServer = 'unknown';
  try {
    natsServer = execFileSync(natsServerBinary, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // The version is informative only; a missing binary fails later with a clear error.
  }
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    natsServer,
    platform: `${process.platform} ${process.arch}`,
  };
}
