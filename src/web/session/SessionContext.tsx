// The signed-in session: loaded from GET /auth/me at start, replaced by login and password change,
// cleared on logout or on any 401 (RequireAuth then sends the user to /login, keeping the path to
// return to, or to /password when the server requires a password change). Notices when the server's
// idle timeout (idleMinutes) has passed so the login page can say the session expired.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Outlet, useNavigate } from "react-router-dom";
import { Spin } from "antd";
import { abilitiesOf, type Ability } from "../access";
import { ApiError, clearCsrfToken, lastApiActivity, setAuthHandlers } from "../api/client";
import { authApi } from "../api/endpoints";
import type { SessionView } from "../api/types";

interface SessionState {
  session: SessionView | null;
  /** The last session ended because the server's idle timeout passed. */
  expired: boolean;
  abilities: ReadonlySet<Ability>;
  can(ability: Ability): boolean;
  setSession(session: SessionView | null): void;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionRoot");
  return ctx;
}

/** `/login?from=…&reason=expired`: where the login page sends the user back to. */
export function loginPath(from: string | null, expired: boolean): string {
  const params = new URLSearchParams();
  if (from && from !== "/" && !from.startsWith("/login")) params.set("from", from);
  if (expired) params.set("reason", "expired");
  const q = params.toString();
  return q ? `/login?${q}` : "/login";
}

const IDLE_CHECK_MS = 30_000;
const IDLE_MARGIN_MS = 5_000;

export function SessionRoot({ fallback }: { fallback?: ReactNode }) {
  const navigate = useNavigate();
  const [session, setSessionState] = useState<SessionView | null>(null);
  const [expired, setExpired] = useState(false);
  const [loading, setLoading] = useState(true);

  const setSession = useCallback((s: SessionView | null) => {
    setSessionState(s);
    setExpired(false);
  }, []);

  useEffect(() => {
    authApi
      .me()
      .then(setSession)
      .catch((err: unknown) => {
        setSessionState(null);
        setExpired(err instanceof ApiError && err.code === "SESSION_EXPIRED");
      })
      .finally(() => setLoading(false));
  }, [setSession]);

  // RequireAuth then sends the user to /login, keeping the path to come back to.
  const onUnauthenticated = useCallback((code: string) => {
    setSessionState(null);
    setExpired(code === "SESSION_EXPIRED");
  }, []);

  useEffect(() => {
    setAuthHandlers({
      onUnauthenticated,
      // RequireAuth then sends the user to /password.
      onPasswordChangeRequired: () => setSessionState((s) => (s ? { ...s, user: { ...s.user, mustChangePassword: true } } : s)),
    });
    return () => setAuthHandlers(null);
  }, [onUnauthenticated]);

  // The server ends a session after idleMinutes without requests; once that has passed, ask it.
  const idleMinutes = session?.idleMinutes;
  useEffect(() => {
    if (!idleMinutes) return;
    const timer = window.setInterval(() => {
      if (Date.now() - lastApiActivity() < idleMinutes * 60_000 + IDLE_MARGIN_MS) return;
      authApi
        .me()
        .then(setSession)
        .catch((err: unknown) => {
          if (err instanceof ApiError && err.status === 401) onUnauthenticated("SESSION_EXPIRED");
        });
    }, IDLE_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [idleMinutes, onUnauthenticated, setSession]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // already signed out on the server: nothing to undo
    }
    clearCsrfToken();
    setSession(null);
    navigate("/login", { replace: true });
  }, [navigate, setSession]);

  const value = useMemo<SessionState>(() => {
    const abilities = abilitiesOf(session?.roles ?? []);
    return { session, expired, abilities, can: (a) => abilities.has(a), setSession, logout };
  }, [session, expired, setSession, logout]);

  if (loading) return fallback ?? <Spin fullscreen />;
  return (
    <SessionContext.Provider value={value}>
      <Outlet />
    </SessionContext.Provider>
  );
}
