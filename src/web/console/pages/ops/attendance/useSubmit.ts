// One request at a time from a dialog: a second tap while the first is on its way does nothing (the server is
// idempotent as well), and the server's refusal is kept to show inline in Chinese.
import { useRef, useState } from 'react';
import { ApiError } from '../../../../common/api.ts';
import { t } from '../../../i18n/index.ts';

export function useSubmit() {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run<T>(send: () => Promise<T>): Promise<T | undefined> {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      return await send();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', t('errors.INTERNAL')));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
