import { useState, type FormEvent } from 'react';

/** Asks for the access token; shown until the gateway accepts one. */
export function LoginScreen({ error, onLogin }: { error: string | null; onLogin: (token: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value) onLogin(value);
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">Fleet Control</h1>
        <p className="muted">Enter your access token. It is kept for this browser tab only.</p>
        <label className="field">
          <span>Access token</span>
          <input
            type="password"
            autoComplete="current-password"
            autoFocus
            value={token}
            onChange={(e) => setToken(e.target.value)}
            data-testid="login-token"
          />
        </label>
        {error && (
          <p className="login-error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!token.trim()} data-testid="login-submit">
          Log in
        </button>
      </form>
    </main>
  );
}
