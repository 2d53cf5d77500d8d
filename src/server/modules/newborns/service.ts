// The newborn register's workflows: importing the health system's Excel list (a row-by-row report of what was added,
// what was already there and what was refused and why; a re-import adds nothing twice) and reading the register
// (masked, audited).
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  NEWBORN_FIELDS,
  autoMapping,
  newbornKey,
  parseNewbornRow,
  type NewbornField,
  type NewbornProblem,
} from '../../../domain/newbornRegister.ts';
import { localDateOf, type Clock } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import type { Actor, ScopeFilter } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { FieldCipher } from '../../crypto.ts';
import { AppError } from '../../errors.ts';
import { MAX_SHEET_ROWS } from '../../xlsx.ts';
import { translate } from '../../../shared/i18n/index.ts';
import { existingKeys, registerOf } from './queries.ts';
import { visitStates } from './visits.ts';

export interface ImportReport {
  total: number;
  added: number;
  duplicates: number;
  refused: number;
  rows: {
    row: number;
    status: 'added' | 'duplicate' | 'refused';
    childName: string;
    problems: { field: NewbornField; code: NewbornProblem }[];
  }[];
}

/** Column of each field: the given headings (from the upload form) or the ones the list itself uses. */
export function mappingFor(headings: string[], given: Partial<Record<NewbornField, string>>): Record<NewbornField, number> {
  const auto = autoMapping(headings);
  const out: Partial<Record<NewbornField, number>> = {};
  const missing: NewbornField[] = [];
  for (const f of NEWBORN_FIELDS) {
    const named = given[f];
    const i = named ? headings.findIndex((h) => h === named) : (auto[f] ?? -1);
    if (i < 0) missing.push(f);
    else out[f] = i;
  }
  if (missing.length)
    throw new AppError(422, 'SPREADSHEET_COLUMNS_MISSING', {
      columns: missing.map((f) => translate('zh-CN', `newbornFields.${f}`)).join('、'),
    });
  return out as Record<NewbornField, number>;
}

/** A name as the register shows it: the family name and * for the rest ('李**'). */
const maskName = (name: string) => (name.length <= 1 ? name : name[0] + '*'.repeat(name.length - 1));

/** Imports a street's list in one transaction; the report says, row by row, what became of each. */
export async function importNewborns(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  streetId: string,
  sheet: { headings: string[]; rows: { row: number; cells: unknown[] }[] },
  given: Partial<Record<NewbornField, string>>,
): Promise<ImportReport> {
  if (sheet.rows.length > MAX_SHEET_ROWS) throw new AppError(422, 'SPREADSHEET_TOO_MANY_ROWS', { max: MAX_SHEET_ROWS });
  const mapping = mappingFor(sheet.headings, given);
  const now = clock.now();
  const today = localDateOf(now);
  const parsed = sheet.rows.map((r) => {
    const cells = Object.fromEntries(NEWBORN_FIELDS.map((f) => [f, r.cells[mapping[f]]])) as Record<NewbornField, unknown>;
    return { row: r.row, rawName: String(cells.childName ?? '').trim(), result: parseNewbornRow(cells, today) };
  });
  return db.transaction().execute(async (trx) => {
    const good = parsed.flatMap((p) =>
      'row' in p.result ? [{ ...p, value: p.result.row, phoneHash: cipher.searchHash(p.result.row.phone) }] : [],
    );
    const known = await existingKeys(
      trx,
      good.map((g) => ({ birthDate: g.value.birthDate, phoneHash: g.phoneHash, childName: g.value.childName })),
    );
    const seen = new Set<string>();
    const report: ImportReport = { total: parsed.length, added: 0, duplicates: 0, refused: 0, rows: [] };
    const toInsert: Insertable<DB['newborn']>[] = [];
    for (const p of parsed) {
      if ('problems' in p.result) {
        report.refused++;
        report.rows.push({ row: p.row, status: 'refused', childName: maskName(p.rawName), problems: p.result.problems });
        continue;
      }
      const v = p.result.row;
      const phoneHash = cipher.searchHash(v.phone);
      const key = `${v.birthDate}|${phoneHash}|${v.childName}`;
      if (known.has(key) || seen.has(newbornKey(v))) {
        report.duplicates++;
        report.rows.push({ row: p.row, status: 'duplicate', childName: maskName(v.childName), problems: [] });
        continue;
      }
      seen.add(newbornKey(v));
      report.added++;
      report.rows.push({ row: p.row, status: 'added', childName: maskName(v.childName), problems: [] });
      toInsert.push({
        street_id: streetId,
        child_name: v.childName,
        sex: v.sex,
        birth_date: v.birthDate,
        guardian_name: v.guardianName,
        phone_enc: cipher.encrypt(v.phone),
        phone_hash: phoneHash,
        address_enc: cipher.encrypt(v.address),
        source: 'import',
        family_id: null,
        visitor_user_id: null,
        created_by: source.actor.id,
        created_at: now,
        updated_at: now,
      });
    }
    for (let i = 0; i < toInsert.length; i += 500)
      await trx
        .insertInto('newborn')
        .values(toInsert.slice(i, i + 500))
        .execute();
    await writeAudit(trx, clock, source, {
      action: 'newborn.import',
      entityType: 'newborn',
      detail: { streetId, rows: report.total, added: report.added, duplicates: report.duplicates, refused: report.refused },
    });
    return report;
  });
}

/** The register of the viewer's scope: phones masked, house numbers hidden; the read is audited with whom it showed. */
export async function readRegister(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource,
  scope: ScopeFilter,
  streetId: string | undefined,
) {
  const rows = await registerOf(db, scope, streetId, 2000);
  await writeAudit(db, clock, source, {
    action: 'newborn.list',
    entityType: 'newborn',
    detail: { streetId: streetId ?? null, count: rows.length },
  });
  const states = await visitStates(db, rows, localDateOf(clock.now()));
  return rows.map((r) => ({
    id: r.id,
    streetId: r.street_id,
    streetName: r.street_name,
    childName: r.child_name,
    sex: r.sex,
    birthDate: r.birth_date,
    guardianName: r.guardian_name,
    phone: maskPhone(cipher.decrypt(r.phone_enc)),
    // The road without its numbers: enough to plan visits by area; the full address goes to the assigned visitor.
    address: cipher.decrypt(r.address_enc).replace(/\d+/g, '*'),
    source: r.source,
    visitor: r.visitor_user_id ? { id: r.visitor_user_id, name: r.visitor_name ?? '' } : null,
    visitState: states.get(r.id)!.visitState,
    visitDueBy: states.get(r.id)!.dueBy,
  }));
}
