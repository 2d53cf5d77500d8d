// SQL about bookings that other modules read too: the one definition of "holds a seat" in SQL, kept in step with
// `holdsSeat` in src/domain/booking.ts.
import { sql, type RawBuilder } from 'kysely';

/**
 * A condition on a booking row aliased `alias`: it holds its session's seat at `now` (confirmed, or offered and the
 * offer not yet run out — an expired offer frees its seat on read, before the job marks it expired).
 */
export function holdsSeatSql(alias: string, now: Date): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${col('status')} = 'confirmed' OR (${col('status')} = 'offered' AND ${col('offered_until')} > ${now}))`;
}
