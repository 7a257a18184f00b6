import { useSession } from '../../lib/fleet-context';

/** Who is logged in and with which role, and a way out. */
export function UserBadge({ onLogout }: { onLogout: () => void }) {
  const session = useSession();
  return (
    <span className="user-badge">
      {session && (
        <span data-testid="session-user" data-role={session.role}>
          {session.user} <span className={`role role-${session.role}`}>{session.role}</span>
        </span>
      )}
      <button type="button" className="link-button" onClick={onLogout} data-testid="logout">
        Log out
      </button>
    </span>
  );
}
