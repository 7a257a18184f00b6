import type { SentCommand } from './use-command-sender';

/** The outcome of the last command: refusals, commands in doubt and errors are alerts, so they are announced. */
export function CommandResult({ sent, label }: { sent: SentCommand; label: string }) {
  const { outcome } = sent;
  switch (outcome.kind) {
    case 'accepted':
      return (
        <p className="command-result ok" role="status" data-testid="command-result" data-outcome="accepted">
          {label}: accepted (now {outcome.reply.state})
        </p>
      );
    case 'refused':
      return (
        <p className="command-result refused" role="alert" data-testid="command-result" data-outcome="refused">
          {label} refused: {outcome.reason}
        </p>
      );
    case 'in-doubt':
      return (
        <p className="command-result in-doubt" role="alert" data-testid="command-result" data-outcome="in-doubt">
          {label} in doubt: {outcome.reason}
        </p>
      );
    case 'error':
      return (
        <p className="command-result error" role="alert" data-testid="command-result" data-outcome="error">
          {label} failed: {outcome.error}
        </p>
      );
  }
}
