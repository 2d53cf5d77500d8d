// Reading the policy in force on a date, and the defaults every database starts with.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { POLICY_BASE_DATE, defaultPolicy, isPolicyKey, policyDefinitions, policyKeys, type PolicyValues } from '../../../domain/policy.ts';
import type { LocalDate } from '../../../domain/time.ts';

/** The value of every parameter in force on `date` (the newest version whose effective date is not after it). */
/** The policy in force on each of several dates (one query per distinct date), for answers that span days. */
export async function policiesOn(db: Kysely<DB> | Transaction<DB>, dates: Iterable<LocalDate>): Promise<Map<LocalDate, PolicyValues>> {
  const out = new Map<LocalDate, PolicyValues>();
  for (const date of new Set(dates)) out.set(date, await policyOn(db, date));
  return out;
}

export async function policyOn(db: Kysely<DB> | Transaction<DB>, date: LocalDate): Promise<PolicyValues> {
  const rows = await db
    .selectFrom('policy_parameter')
    .select(['key', 'value'])
    .distinctOn('key')
    .where('effective_from', '<=', date)
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .execute();
  return policyFromRows(rows);
}

/** The policy from its newest rows per key (unknown keys and invalid values fall back to the defaults). */
export function policyFromRows(rows: { key: string; value: unknown }[]): PolicyValues {
  const values = defaultPolicy() as Record<string, unknown>;
  for (const row of rows) {
    if (!isPolicyKey(row.key)) continue;
    const parsed = policyDefinitions[row.key].schema.safeParse(row.value);
    if (parsed.success) values[row.key] = parsed.data;
  }
  return values as PolicyValues;
}

/** SQL for the newest version of every parameter on a date, as a JSON array (to read it inside a larger statement). */
export const POLICY_ROWS_AS_JSON = `(SELECT coalesce(json_agg(json_build_object('key', p.key, 'value', p.value)), '[]'::json) FROM (
  SELECT DISTINCT ON (key) key, value FROM policy_parameter WHERE effective_from <= s.date ORDER BY key, effective_from DESC) p)`;

/** Writes the default of every parameter that has no version yet, effective from the plan's date. */
export async function ensurePolicyDefaults(db: Kysely<DB>): Promise<void> {
  const defaults = defaultPolicy();
  await db
    .insertInto('policy_parameter')
    .values(
      policyKeys.map((key) => ({
        key,
        value: JSON.stringify(defaults[key]),
        effective_from: POLICY_BASE_DATE,
        note: '《虹口区社区托育服务“宝宝屋”设置标准(试行)》默认值',
      })),
    )
    .onConflict((oc) => oc.columns(['key', 'effective_from']).doNothing())
    .execute();
}
