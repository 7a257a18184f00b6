/** sessionStorage key of the operator's token: it lives as long as the browser tab. */
const TOKEN_KEY = 'fleet.token';

/** The token saved in this tab, if any. */
export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Saves the token for this tab (reloads keep the operator logged in). */
export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage may be disabled; the session then lasts until reload, which is still usable.
  }
}

/** Forgets the token (logout, or the gateway refused it). */
export function clearToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to clear.
  }
}
