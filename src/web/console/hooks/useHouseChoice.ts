// Which house a page shows: house staff always their own; street and district users the one in the address
// (`?houseId=`), else the first operating house they can see. The choice is kept in the address so a reload or a
// shared link opens the same house.
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { House } from '../../common/types.ts';
import { HOUSE_ROLES, useSession } from '../session.tsx';
import { useApi } from './useApi.ts';

export function useHouseChoice() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const ownHouse = HOUSE_ROLES.includes(me.user.role) ? me.user.houseId : null;
  const houses = useApi<House[]>(ownHouse ? null : '/api/houses');
  const houseId = ownHouse ?? params.get('houseId') ?? houses.data?.find((h) => h.status === 'active')?.id ?? houses.data?.[0]?.id ?? null;

  function setParam(key: string, value: string | null | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  useEffect(() => {
    if (!ownHouse && houseId && !params.get('houseId')) setParam('houseId', houseId);
  }, [ownHouse, houseId]); // setParam and params change on every render; the house is what matters

  return { ownHouse, houses, houseId, params, setParams, setParam };
}
