import { getDeviceKind } from '@fleet/contracts';
import { enabledCommands } from '../../lib/device-presentation';
import { useCanOperate, useConnectionStatus } from '../../lib/fleet-context';
import { CommandControl } from './command-control';
import { CommandResult } from './command-result';
import { useCommandSender } from './use-command-sender';

/**
 * Every command of the device's kind; enabled exactly when the kind's machine allows it in the
 * current state (the controller still has the last word and may refuse).
 */
export function CommandPanel({ deviceId, kind, state }: { deviceId: string; kind: string; state: string | undefined }) {
  const connected = useConnectionStatus() === 'connected';
  const canOperate = useCanOperate();
  const { pending, last, send } = useCommandSender(deviceId);
  const spec = getDeviceKind(kind);
  if (!spec) return <p className="muted">Unknown kind {kind}: no commands.</p>;
  const enabled = enabledCommands(spec, state);
  return (
    <section className="commands" aria-label="Commands">
      <h3>Commands</h3>
      {!canOperate && (
        <p className="muted" data-testid="viewer-note">
          Read-only: your role may watch but not command.
        </p>
      )}
      <div className="command-list">
        {Object.entries(spec.commands).map(([name, command]) => (
          <CommandControl
            key={name}
            name={name}
            spec={command}
            enabled={connected && canOperate && enabled.has(name)}
            busy={pending !== null}
            onSend={(c, args) => void send(c, args)}
          />
        ))}
      </div>
      {pending !== null && (
        <p className="command-result pending" data-testid="command-pending">
          Sending {spec.commands[pending]?.label ?? pending}…
        </p>
      )}
      {last && <CommandResult sent={last} label={spec.commands[last.command]?.label ?? last.command} />}
    </section>
  );
}
