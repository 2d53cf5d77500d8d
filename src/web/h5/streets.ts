// The district's streets and their operating houses (GET /api/public/streets), loaded once and shared by the
// home, list and detail screens; reload() fetches them again (pull to refresh, retry).
import { useCallback, useEffect, useState } from 'react';
import { get, ApiError } from '../common/api.ts';
import type { PublicHouse, PublicStreet } from '../common/types.ts';

let cache: PublicStreet[] | null = null;
let inflight: Promise<PublicStreet[]> | null = null;

function load(force = false): Promise<PublicStreet[]> {
  if (cache && !force) return Promise.resolve(cache);
  if (!inflight || force) {
    inflight = get<PublicStreet[]>('/api/public/streets')
      .then((s) => {
        cache = s;
        return s;
      })
      .finally(() => {
        inflight = null;
      });
  }
  return inflight;
}

export function useStreets() {
  const [streets, setStreets] = useState<PublicStreet[] | null>(cache);
  const [error, setError] = useState<ApiError | null>(null);

  const run = useCallback(async (force: boolean) => {
    setError(null);
    try {
      setStreets(await load(force));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err)));
    }
  }, []);

  useEffect(() => {
    void run(false);
  }, [run]);

  return { streets, error, reload: () => run(true) };
}

export function findHouse(streets: PublicStreet[], id: string): { house: PublicHouse; street: PublicStreet } | null {
  for (const street of streets) {
    const house = street.houses.find((h) => h.id === id);
    if (house) return { house, street };
  }
  return null;
}
