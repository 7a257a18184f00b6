import type { CommandArgs } from '@fleet/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutcome } from '../../lib/command-outcome';
import { useFleetClient } from '../../lib/fleet-context';

/** The last command sent from this panel and what came of it. */
export interface SentCommand {
  readonly command: string;
  readonly outcome: CommandOutcome;
}

/** Sends one command at a time for a device and keeps the latest outcome. */
export function useCommandSender(deviceId: string) {
  const client = useFleetClient();
  const [pending, setPending] = useState<string | null>(null);
  const [last, setLast] = useState<SentCommand | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = useCallback(
    async (command: string, args?: CommandArgs) => {
      setPending(command);
      setLast(null);
      const outcome = await client.sendCommand({ deviceId, command, ...(args ? { args } : {}) });
      // The operator may have selected another device meanwhile; its panel starts clean.
      if (!mounted.current) return;
      setPending(null);
      setLast({ command, outcome });
    },
    [client, deviceId],
  );

  return { pending, last, send };
}
