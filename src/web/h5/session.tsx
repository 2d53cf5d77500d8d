// Who is signed in. GET /api/auth/me decides at start; a 401 anywhere sends the parent back to sign-in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { get, onUnauthenticated, post, setCsrfToken, ApiError } from '../common/api.ts';
import type { Me, SessionState } from '../common/types.ts';

const PHONE_KEY = 'bbw.h5.phone';

interface SessionValue {
  /** undefined while the first /me is on its way, null when signed out */
  me: Me | null | undefined;
  /** The phone the parent signed in with on this device (the API's Me does not carry it). */
  phone: string | null;
  signedIn(me: Me, phone: string): void;
  signOut(): Promise<void>;
  /** Reads /me again (the name changes once the family is registered). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

function storedPhone(userId: string): string | null {
  try {
    const raw = localStorage.getItem(PHONE_KEY);
    const v = raw ? (JSON.parse(raw) as { userId?: string; phone?: string }) : null;
    return v?.userId === userId && v.phone ? v.phone : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [phone, setPhone] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    get<SessionState>('/api/auth/session')
      .then(({ me: m }) => {
        if (!alive) return;
        if (!m) return setMe(null);
        setCsrfToken(m.csrfToken);
        setPhone(storedPhone(m.user.id));
        setMe(m);
      })
      .catch(() => alive && setMe(null));
    const off = onUnauthenticated(() => {
      setCsrfToken(null);
      setMe(null);
    });
    return () => {
      alive = false;
      off();
    };
  }, []);

  const signedIn = useCallback((m: Me, p: string) => {
    setCsrfToken(m.csrfToken);
    try {
      localStorage.setItem(PHONE_KEY, JSON.stringify({ userId: m.user.id, phone: p }));
    } catch {
      /* private mode: the phone is just not shown */
    }
    setPhone(p);
    setMe(m);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } catch (err) {
      // An already-ended session is signed out all the same.
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
    }
    try {
      localStorage.removeItem(PHONE_KEY);
    } catch {
      /* ignore */
    }
    setCsrfToken(null);
    setPhone(null);
    setMe(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const m = await get<Me>('/api/auth/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
    } catch {
      /* a 401 is handled by onUnauthenticated; otherwise keep what we have */
    }
  }, []);

  const value = useMemo(() => ({ me, phone, signedIn, signOut, refresh }), [me, phone, signedIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
