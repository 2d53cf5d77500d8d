// The signed-in guardian's family (GET /api/family), shared by the 家庭 tab, the home card, 我的 and the family's
// sub-pages. Every change to the family answers with the whole envelope; setFamily() puts it here so all screens
// show the new state at once. The cache belongs to one user: another sign-in starts empty.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { get, ApiError } from '../../common/api.ts';
import type { CurrentDocuments, FamilyEnvelope } from '../../common/familyTypes.ts';
import { useSession } from '../session.tsx';

let owner: string | null = null;
let envelope: FamilyEnvelope | undefined;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

function subscribe(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** Puts a fresh envelope (from any family call) in place for every screen. */
export function setFamily(next: FamilyEnvelope) {
  envelope = next;
  notify();
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err));
}

/** The family envelope (undefined until the first answer), the last load error, and reload(). */
export function useFamily() {
  const { me } = useSession();
  const userId = me?.user.id ?? null;
  if (owner !== userId) {
    owner = userId;
    envelope = undefined;
  }
  const data = useSyncExternalStore(subscribe, () => envelope);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    try {
      const env = await get<FamilyEnvelope>('/api/family');
      if (owner === userId) setFamily(env);
    } catch (err) {
      setError(asApiError(err));
    }
  }, [userId]);

  useEffect(() => {
    if (userId) void reload();
  }, [reload, userId]);

  return { data, error: data ? null : error, reload };
}

let documents: CurrentDocuments | null = null;

/** The consent text and the service agreement in force today (GET /api/documents/current). */
export function useDocuments() {
  const [docs, setDocs] = useState<CurrentDocuments | null>(documents);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(async () => {
    setError(null);
    try {
      documents = await get<CurrentDocuments>('/api/documents/current');
      setDocs(documents);
    } catch (err) {
      setError(asApiError(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { docs, error, reload };
}
