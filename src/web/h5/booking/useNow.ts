// The time now, ticking (for countdowns). The phone's clock: the server's deadlines are shown as times as well,
// so a phone whose clock is off still tells the parent the real deadline.
import { useEffect, useState } from 'react';

export function useNow(active = true, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [active, everyMs]);
  return now;
}
