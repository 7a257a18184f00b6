import { useCallback, useEffect, useState } from 'react';
import { LoginScreen } from '../features/auth';
import { connectToGateway, type FleetClient } from '../lib/fleet-client';
import { clearToken, saveToken } from '../lib/session-token';
import { App } from './app';

/**
 * Login until a token is given, then the app. A token the gateway refuses is forgotten and the
 * operator is asked again; the socket is created in event handlers, never in render or effects.
 */
export function Root({ initialClient }: { initialClient: FleetClient | null }) {
  const [client, setClient] = useState<FleetClient | null>(initialClient);
  const [error, setError] = useState<string | null>(null);

  const login = useCallback((token: string) => {
    saveToken(token);
    setError(null);
    setClient(connectToGateway(token));
  }, []);

  const logout = useCallback(() => {
    clearToken();
    setClient((current) => {
      current?.close();
      return null;
    });
  }, []);

  useEffect(() => {
    if (!client) return undefined;
    return client.connection.subscribe(() => {
      if (client.connection.getStatus() !== 'unauthorized') return;
      client.close();
      clearToken();
      setError('That token was not accepted. Check it and try again.');
      setClient(null);
    });
  }, [client]);

  if (!client) return <LoginScreen error={error} onLogin={login} />;
  return <App client={client} onLogout={logout} />;
}
