// The policy parameters in force today, as far as the console needs them (capacity, CCTV and certificate rules).
import { useSession } from '../session.tsx';
import { useApi } from './useApi.ts';
import type { Res } from '../../common/wire.ts';

export type PolicyResponse = Res<'/api/policy', 'get'>;
export type PolicyParameter = PolicyResponse['parameters'][number];

export interface ConsoleRules {
  /** The server's today in the district, which may differ from the browser's. */
  date: string;
  minAreaPerChildM2: number;
  maxClassSize: number;
  childrenPerCarer: number;
  cctvMinRetentionDays: number;
  /** R13: days a health-check certificate is valid after the exam. */
  certificateValidityDays: number;
  /** R2: the longest a session may last, in hours. */
  sessionMaxHours: number;
}

export function rulesOf(policy: PolicyResponse): ConsoleRules {
  const value = (key: string, fallback: number) => {
    const p = policy.parameters.find((x) => x.key === key);
    return typeof p?.current === 'number' ? p.current : fallback;
  };
  return {
    date: policy.date,
    minAreaPerChildM2: value('capacity.minAreaPerChildM2', 3),
    maxClassSize: value('capacity.maxClassSize', 20),
    childrenPerCarer: value('capacity.childrenPerCarer', 5),
    cctvMinRetentionDays: value('cctv.minRetentionDays', 30),
    certificateValidityDays: value('certificate.validityDays', 90),
    sessionMaxHours: value('session.maxHours', 4),
  };
}

/** The rules in force, or undefined while loading or when the role may not read the policy. */
export function useRules(): ConsoleRules | undefined {
  const { can } = useSession();
  const { data } = useApi<PolicyResponse>(can('policy.read') ? '/api/policy' : null);
  return data ? rulesOf(data) : undefined;
}
