import type { CommandArgs, CommandSpec } from '@fleet/contracts';
import { useState, type FormEvent } from 'react';

interface CommandControlProps {
  name: string;
  spec: CommandSpec;
  enabled: boolean;
  busy: boolean;
  onSend: (command: string, args?: CommandArgs) => void;
}

/** Parses the inputs against the spec's bounds; `undefined` while any value is out of range. */
function parseArgs(spec: CommandSpec, values: Readonly<Record<string, string>>): CommandArgs | undefined {
  const args: CommandArgs = {};
  for (const arg of spec.args ?? []) {
    const raw = values[arg.name]?.trim() ?? '';
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) return undefined;
    if (arg.min !== undefined && value < arg.min) return undefined;
    if (arg.max !== undefined && value > arg.max) return undefined;
    args[arg.name] = value;
  }
  return args;
}

/** One command of the kind: a button, plus a numeric input per argument. */
export function CommandControl({ name, spec, enabled, busy, onSend }: CommandControlProps) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((spec.args ?? []).map((arg) => [arg.name, String(arg.min ?? 0)])),
  );
  const args = parseArgs(spec, values);
  const hasArgs = (spec.args?.length ?? 0) > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (enabled && !busy && args) onSend(name, hasArgs ? args : undefined);
  };

  return (
    <form className="command" onSubmit={submit} data-testid={`command-form-${name}`}>
      {spec.args?.map((arg) => (
        <label key={arg.name} className="command-arg">
          <span>
            {arg.label}
            {arg.unit ? ` (${arg.unit})` : ''}
          </span>
          <input
            type="number"
            inputMode="decimal"
            step="any"
            min={arg.min}
            max={arg.max}
            value={values[arg.name] ?? ''}
            disabled={!enabled}
            data-testid={`command-arg-${name}-${arg.name}`}
            onChange={(e) => setValues((prev) => ({ ...prev, [arg.name]: e.target.value }))}
          />
        </label>
      ))}
      <button type="submit" disabled={!enabled || busy || !args} data-testid={`command-${name}`} data-enabled={enabled}>
        {spec.label}
      </button>
    </form>
  );
}
