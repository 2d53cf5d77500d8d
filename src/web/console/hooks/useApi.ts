// Loading data from the API with loading and error state, and a reload().
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get } from '../../common/api.ts';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the data without a request (after a change the server answered with the new record). */
  setData: (data: T) => void;
}

function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String((err as Error)?.message ?? err));
}

/** GETs `path` (null: nothing to load yet) and again whenever the path changes or reload() is called. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const request = ++latest.current;
    setLoading(true);
    setError(undefined);
    get<T>(path)
      .then((d) => {
        if (request === latest.current) setData(d);
      })
      .catch((err: unknown) => {
        if (request === latest.current) setError(asApiError(err));
      })
      .finally(() => {
        if (request === latest.current) setLoading(false);
      });
  }, [path, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
