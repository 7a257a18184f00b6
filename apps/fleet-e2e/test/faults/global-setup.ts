import { beginRun } from './reliability-report';

/** Jest globalSetup: a fresh rows folder for this run, so only this run's rows make the report. */
export default function globalSetup(): void {
  beginRun();
}
