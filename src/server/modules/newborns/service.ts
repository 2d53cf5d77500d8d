// The newborn register's workflows: importing the health system's Excel list (a row-by-row report of what was added,
// what was already there and what was refused and why; a re-import adds nothing twice), a family reporting its own
// newborn in the H5 (the same row rules; the same baby twice, or one the street imported, is linked, not added again)
// and reading the register (masked, audited) or the family's own newborns (audited).
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  NEWBORN_FIELDS,
  SELF_REPORT_MONTHS_BACK,
  autoMapping,
  newbornKey,
  parseNewbornRow,
  type NewbornField,
  type NewbornProblem,
  type NewbornRow,
} from '../../../domain/newbornRegister.ts';
import { localDateOf, type Clock } from '../../../domain/time.ts';
import { maskPhone } from '../../../shared/format.ts';
import type { Actor, ScopeFilter } from '../../access.ts';
import { writeAudit, type AuditSource } from '../../audit.ts';
import type { FieldCipher } from '../../crypto.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { MAX_SHEET_ROWS } from '../../xlsx.ts';
import { translate, type ErrorCode } from '../../../shared/i18n/index.ts';
import {
  existingKeys,
  guardianOf,
  insertNewbornUnlessKnown,
  linkToFamily,
  newbornByKey,
  ownNewborns,
  registerOf,
  streetExists,
} from './queries.ts';
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

/** A register row of a checked newborn: phone and address encrypted, the phone's keyed hash to find duplicates. */
export function newbornRecord(
  cipher: FieldCipher,
  v: NewbornRow,
  at: { streetId: string; source: 'import' | 'family'; familyId: string | null; createdBy: string; now: Date },
): Insertable<DB['newborn']> {
  return {
    street_id: at.streetId,
    child_name: v.childName,
    sex: v.sex,
    birth_date: v.birthDate,
    guardian_name: v.guardianName,
    phone_enc: cipher.encrypt(v.phone),
    phone_hash: cipher.searchHash(v.phone),
    address_enc: cipher.encrypt(v.address),
    source: at.source,
    family_id: at.familyId,
    visitor_user_id: null,
    created_by: at.createdBy,
    created_at: at.now,
    updated_at: at.now,
  };
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
      toInsert.push(newbornRecord(cipher, v, { streetId, source: 'import', familyId: null, createdBy: source.actor.id, now }));
    }
    for (let i = 0; i < toInsert.length; i += 500)
      await trx
        .insertInto('newborn')
        .values(toInsert.slice(i, i + 500))
        // a family reporting the same baby at this moment has registered it already: not a failure of the import
        .onConflict((oc) => oc.columns(['birth_date', 'phone_hash', 'child_name']).doNothing())
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

// ——— the family's own report (H5) ———

export interface NewbornReport {
  childName: string;
  sex: 'male' | 'female';
  birthDate: string;
  /** The street the baby lives in; the family's street when left out. */
  streetId?: string;
  address: string;
  /** The guardian's name as the visitor will ask for; the family's registered guardian when left out. */
  guardianName?: string;
}

/** The error code of a row problem in a family's report (the import reports the problem codes themselves). */
const PROBLEM_CODES: Record<NewbornProblem, ErrorCode> = {
  REQUIRED: 'NEWBORN_FIELD_REQUIRED',
  NAME_INVALID: 'NEWBORN_NAME_INVALID',
  SEX_INVALID: 'NEWBORN_SEX_INVALID',
  DATE_INVALID: 'NEWBORN_BIRTH_DATE_OUT_OF_RANGE',
  NOT_A_NEWBORN: 'NEWBORN_BIRTH_DATE_OUT_OF_RANGE',
  PHONE_INVALID: 'PHONE_INVALID',
  ADDRESS_INVALID: 'NEWBORN_ADDRESS_INVALID',
};

type OwnRow = Awaited<ReturnType<typeof ownNewborns>>[number];

/** A newborn as its own family sees it: the address in full (their own), the phone masked like everywhere. */
function ownOut(cipher: FieldCipher, r: OwnRow) {
  return {
    id: r.id,
    childName: r.child_name,
    sex: r.sex,
    birthDate: r.birth_date,
    streetId: r.street_id,
    streetName: r.street_name,
    guardianName: r.guardian_name,
    phone: maskPhone(cipher.decrypt(r.phone_enc)),
    address: cipher.decrypt(r.address_enc),
    source: r.source,
    reportedAt: new Date(r.created_at).toISOString(),
  };
}

async function guardianAccount(db: Kysely<DB>, cipher: FieldCipher, userId: string) {
  const g = await guardianOf(db, userId);
  if (!g?.phone) throw new AppError(403, 'FORBIDDEN');
  return { ...g, phone: g.phone, phoneHash: cipher.searchHash(g.phone) };
}

/**
 * A guardian reports her newborn. The phone is her account's (checked by the sign-in code: the visitor calls it, and it
 * is how the register knows the family); the street and guardian default to the family's. Checked by the import's own
 * row rules with the home visit's one-year window. The same baby already registered — reported before, or imported by
 * the street — is not added again: it is linked to the family and the answer says so.
 */
export async function reportNewborn(
  db: Kysely<DB>,
  cipher: FieldCipher,
  clock: Clock,
  source: AuditSource & { actor: Actor },
  input: NewbornReport,
): Promise<{ alreadyRegistered: boolean; newborn: ReturnType<typeof ownOut> }> {
  const g = await guardianAccount(db, cipher, source.actor.id);
  const now = clock.now();
  const errors: FieldError[] = [];
  const streetId = input.streetId ?? g.street_id ?? null;
  if (!streetId) errors.push({ field: 'body.streetId', code: 'NEWBORN_FIELD_REQUIRED', message: '' });
  else if (!(await streetExists(db, streetId))) errors.push({ field: 'body.streetId', code: 'STREET_NOT_FOUND', message: '' });
  const parsed = parseNewbornRow(
    {
      childName: input.childName,
      sex: input.sex,
      birthDate: input.birthDate,
      guardianName: input.guardianName ?? g.guardian_name ?? '',
      phone: g.phone,
      address: input.address,
    },
    localDateOf(now),
    SELF_REPORT_MONTHS_BACK,
  );
  if ('problems' in parsed)
    for (const p of parsed.problems)
      errors.push({ field: p.field === 'phone' ? 'phone' : `body.${p.field}`, code: PROBLEM_CODES[p.code], message: '' });
  if (errors.length || !('row' in parsed) || !streetId) throw new AppError(422, 'NEWBORN_INVALID', undefined, errors);
  const v = parsed.row;
  const own = { familyId: g.family_id ?? null, phoneHash: g.phoneHash };
  return db.transaction().execute(async (trx) => {
    const addedId = await insertNewbornUnlessKnown(
      trx,
      newbornRecord(cipher, v, { streetId, source: 'family', familyId: own.familyId, createdBy: source.actor.id, now }),
    );
    let id = addedId;
    if (!id) {
      const known = (await newbornByKey(trx, { birthDate: v.birthDate, phoneHash: g.phoneHash, childName: v.childName }))!;
      id = known.id;
      const linked = own.familyId ? await linkToFamily(trx, id, own.familyId, now) : false;
      await writeAudit(trx, clock, source, {
        action: 'newborn.link',
        entityType: 'newborn',
        entityId: id,
        detail: linked ? { familyId: own.familyId } : {},
      });
    } else {
      await writeAudit(trx, clock, source, {
        action: 'newborn.report',
        entityType: 'newborn',
        entityId: id,
        detail: { streetId, familyId: own.familyId },
      });
    }
    const [row] = await ownNewborns(trx, own, [id]);
    return { alreadyRegistered: !addedId, newborn: ownOut(cipher, row) };
  });
}

/** The family's own newborns (reported, linked or registered under the guardian's phone); the read is audited. */
export async function readOwnNewborns(db: Kysely<DB>, cipher: FieldCipher, clock: Clock, source: AuditSource & { actor: Actor }) {
  const g = await guardianAccount(db, cipher, source.actor.id);
  const rows = await ownNewborns(db, { familyId: g.family_id ?? null, phoneHash: g.phoneHash });
  await writeAudit(db, clock, source, {
    action: 'newborn.readOwn',
    entityType: 'newborn',
    detail: { familyId: g.family_id ?? null, count: rows.length },
  });
  return rows.map((r) => ownOut(cipher, r));
}
