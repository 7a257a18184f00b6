import { endRun, renderReliabilityReport } from './reliability-report';

/** Jest globalTeardown: renders docs/reliability.md when every fault spec recorded its rows. */
export default function globalTeardown(): void {
  renderReliabilityReport();
  endRun();
}
