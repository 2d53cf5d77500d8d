// Each street's population figures (T1's denominator, T4's newborns): recording a version, a correction by the
// district, the Excel import with its row-by-row report; and a house's approved places (托额).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { placesRefusal } from '../../../domain/population.ts';
import { localDateOf } from '../../../domain/time.ts';
import { allowed, type Actor } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { AppContext } from '../../context.ts';
import { unprocessable } from '../../errors.ts';
import { loadHouse } from '../houses/service.ts';
import { policyOn } from '../policy/service.ts';
import * as q from './queries.ts';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export interface PopulationInput {
  streetId: string;
  year: number;
  children1to3: number;
  newborns: number;
  source: string;
  asOf: string;
  note?: string | null;
}

const shape = (v: Awaited<ReturnType<typeof q.versionsOf>>[number]) => ({
  id: v.id,
  children1to3: v.children_1_3,
  newborns: v.newborns,
  source: v.source,
  asOf: v.as_of,
  note: v.note,
  recordedBy: v.recorded_by_name,
  recordedAt: v.recorded_at.toISOString(),
});

/** Per street in scope: the figure in force now (the newest version, see populationInForce) and all versions. */
export async function readPopulation(db: Kysely<DB>, year: number, streetId: string | undefined) {
  const [streets, versions] = await Promise.all([q.streets(db, streetId), q.versionsOf(db, year, streetId)]);
  return streets.map((s) => {
    const history = versions.filter((v) => v.street_id === s.id).map(shape);
    return { streetId: s.id, streetName: s.name, year, inForce: history[0] ?? null, history };
  });
}

/** Records a version (a street's own figure, or the district's correction). Returns its id. */
export async function recordPopulation(ctx: Ctx, source: AuditSource, actor: Actor, b: PopulationInput, via: 'form' | 'import' = 'form') {
  const { db, clock } = ctx;
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const row = await q.insertVersion(trx, {
      street_id: b.streetId,
      year: b.year,
      children_1_3: b.children1to3,
      newborns: b.newborns,
      source: b.source,
      as_of: b.asOf,
      note: b.note ?? null,
      recorded_by: actor.id,
      recorded_at: now,
    });
    await writeAudit(trx, clock, source, {
      action: 'population.record',
      entityType: 'street_population',
      entityId: row.id,
      detail: {
        streetId: b.streetId,
        year: b.year,
        children1to3: b.children1to3,
        newborns: b.newborns,
        source: b.source,
        asOf: b.asOf,
        via,
      },
    });
    return row.id;
  });
}

export const IMPORT_COLUMNS = {
  street: '街道',
  year: '年份',
  children1to3: '常住1-3岁幼儿数',
  newborns: '当年新生儿数',
  source: '数据来源',
  asOf: '统计日期',
} as const;
type Column = keyof typeof IMPORT_COLUMNS;

export interface ImportRowReport {
  row: number;
  street: string | null;
  year: number | null;
  outcome: 'added' | 'unchanged' | 'refused';
  /** For a refused row: the column at fault (its heading) and the error code. */
  column?: string;
  code?: string;
}

const text = (v: unknown) => (v instanceof Date ? localDateOf(v) : String(v ?? '').trim());
const intOf = (v: unknown, min: number, max: number) => {
  const s = text(v);
  if (!/^\d{1,7}$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};
const dateOf = (v: unknown) => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = text(v).replace(/[/.]/g, '-');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
};

/** Imports a sheet with the columns of IMPORT_COLUMNS: each row added as a version, unchanged, or refused (with the column). */
export async function importPopulation(
  ctx: Ctx,
  source: AuditSource,
  actor: Actor,
  sheet: { headings: string[]; rows: { row: number; cells: unknown[] }[] },
) {
  const index = {} as Record<Column, number>;
  for (const [key, heading] of Object.entries(IMPORT_COLUMNS) as [Column, string][]) {
    const i = sheet.headings.findIndex((h) => h.replace(/[–—]/g, '-') === heading);
    if (i < 0) throw unprocessable('SPREADSHEET_INVALID', 'file');
    index[key] = i;
  }
  const streets = await q.streets(ctx.db);
  const report: ImportRowReport[] = [];
  for (const { row, cells } of sheet.rows) {
    const cell = (c: Column) => cells[index[c]];
    const streetText = text(cell('street')).slice(0, 40);
    const street = streets.find((s) => s.name === streetText || s.short_name === streetText);
    const year = intOf(cell('year'), 2000, 2100);
    const refuse = (c: Column, code: string) =>
      report.push({ row, street: street?.name ?? (streetText || null), year, outcome: 'refused', column: IMPORT_COLUMNS[c], code });
    if (!street) {
      refuse('street', 'POPULATION_STREET_UNKNOWN');
      continue;
    }
    if (!allowed(actor, 'population.manage', { streetId: street.id })) {
      refuse('street', 'POPULATION_OTHER_STREET');
      continue;
    }
    if (year === null) {
      refuse('year', 'POPULATION_ROW_INVALID');
      continue;
    }
    const children1to3 = intOf(cell('children1to3'), 0, 1000000);
    if (children1to3 === null) {
      refuse('children1to3', 'POPULATION_ROW_INVALID');
      continue;
    }
    const newborns = intOf(cell('newborns'), 0, 1000000);
    if (newborns === null) {
      refuse('newborns', 'POPULATION_ROW_INVALID');
      continue;
    }
    const src = text(cell('source'));
    if (src.length < 1 || src.length > 60 || src.includes('\u0000')) {
      refuse('source', 'POPULATION_ROW_INVALID');
      continue;
    }
    const asOf = dateOf(cell('asOf'));
    if (!asOf) {
      refuse('asOf', 'POPULATION_ROW_INVALID');
      continue;
    }
    const current = await q.inForce(ctx.db, street.id, year, ctx.clock.now());
    if (
      current &&
      current.children_1_3 === children1to3 &&
      current.newborns === newborns &&
      current.source === src &&
      String(current.as_of) === asOf
    ) {
      report.push({ row, street: street.name, year, outcome: 'unchanged' });
      continue;
    }
    await recordPopulation(ctx, source, actor, { streetId: street.id, year, children1to3, newborns, source: src, asOf }, 'import');
    report.push({ row, street: street.name, year, outcome: 'added' });
  }
  const count = (o: ImportRowReport['outcome']) => report.filter((r) => r.outcome === o).length;
  return { added: count('added'), unchanged: count('unchanged'), refused: count('refused'), rows: report };
}

/** Sets a house's approved places: never above the legal capacity of its rooms (422 on body.approvedPlaces). */
export async function setPlaces(ctx: Ctx, source: AuditSource, actor: Actor, houseId: string, approvedPlaces: number) {
  const { db, clock } = ctx;
  const now = clock.now();
  const house = await loadHouse(db, houseId, await policyOn(db, localDateOf(now)), now, actor);
  const refusal = placesRefusal(approvedPlaces, house.legalCapacity);
  if (refusal) throw unprocessable(refusal, 'body.approvedPlaces', { capacity: house.legalCapacity });
  await db.transaction().execute(async (trx) => {
    await q.setApprovedPlaces(trx, houseId, approvedPlaces, now);
    await writeAudit(trx, clock, source, {
      action: 'house.places',
      entityType: 'house',
      entityId: houseId,
      detail: { approvedPlaces, before: house.approvedPlaces, legalCapacity: house.legalCapacity },
    });
  });
}
