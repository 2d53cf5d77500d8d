// The audit log in plain words: who did what to which record, with the record's name and the details as labelled
// fields (dates as 2026年12月1日 周二, yes/no, codes translated) — never raw JSON or cut ids. Pure: the names come
// from auditNames (queries.ts), looked up once per page.
import { AUDIT_ACTIONS, AUDIT_AREAS, describeAudit, isAuditAction } from '../../../shared/auditActions.ts';
import { formatArea, formatDateTimeZh, formatDateZh, formatPlainDateZh, formatYuan } from '../../../shared/format.ts';
import { catalogs, translate, type Locale } from '../../../shared/i18n/index.ts';
import { DISTRICT_TIME_ZONE } from '../../../shared/timeZone.ts';
import { emptyRefs, type AuditNames, type AuditRefKind, type AuditRefs, type AuditRow } from './queries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Roles that may see the names of children, guardians and pickup persons in the log; others see them masked. */
const NAME_VISIBLE_TO = new Set(['audit_admin']);

/** Which kind of record an entity type is (for the name look-up). */
const ENTITY_REF: Record<string, AuditRefKind> = {
  app_user: 'user',
  house: 'house',
  child: 'child',
  family: 'family',
  staff_member: 'staff',
  care_session: 'session',
  booking: 'booking',
  room: 'room',
  schedule_template: 'template',
  house_closure: 'closure',
  incident: 'incident',
  daily_log: 'dailyLog',
  stored_file: 'file',
  guidance_event: 'guidanceEvent',
  guidance_course: 'course',
  street: 'street',
  guidance_provider: 'provider',
  newborn: 'newborn',
  street_population: 'population',
};

/** Detail fields that name a record (a single id or a list of ids). */
const FIELD_REF: Record<string, AuditRefKind> = {
  childId: 'child',
  children: 'child',
  familyId: 'family',
  familyIds: 'family',
  userId: 'user',
  userIds: 'user',
  carerIds: 'user',
  actorId: 'user',
  sessionId: 'session',
  bookingId: 'booking',
  houseId: 'house',
  streetId: 'street',
  residenceStreetId: 'street',
  roomId: 'room',
  pickupPersonId: 'person',
  eventId: 'guidanceEvent',
  providerId: 'provider',
  newbornIds: 'newborn',
};

/** Internal ids nobody reads (the record itself is already named). */
const HIDDEN = new Set(['id', 'enrolmentId', 'attendanceId', 'certificateId', 'credentialId', 'evidenceId', 'fileId', 'phone', 'idNumber']);

/** Dates on which nothing happens are shown without their weekday (as everywhere else). */
const PLAIN_DATES = new Set([
  'effectiveFrom',
  'hiredOn',
  'leftOn',
  'issuedOn',
  'expiresOn',
  'examDate',
  'observedOn',
  'insuranceStart',
  'insuranceEnd',
  'birthDate',
]);

/** Numbers with a unit: field → unit key in auditLog.units. */
const UNITS: Record<string, string> = {
  failed: 'times',
  present: 'person',
  carersOnDuty: 'person',
  count: 'person',
  offeredCapacity: 'person',
  experienceYears: 'year',
  cctvRetentionDays: 'day',
  sessions: 'item',
  bookings: 'item',
  bookingsCancelled: 'item',
  rows: 'item',
  seats: 'person',
  added: 'item',
  duplicates: 'item',
  refused: 'item',
};

/** A text of the shared catalogue: `table` is a dotted path, `key` a code that may itself hold dots ('session.list'). */
function lookup(locale: Locale, path: string, key?: string): string | undefined {
  let node: unknown = catalogs[locale];
  for (const part of [...path.split('.'), ...(key === undefined ? [] : [key])]) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node === 'string') return node;
  return locale === 'en' ? lookup('zh-CN', path, key) : undefined;
}

const FIELD_ORDER = Object.keys(catalogs['zh-CN'].auditLog.fields);
function fieldRank(key: string): number {
  const i = FIELD_ORDER.indexOf(key);
  return i < 0 ? FIELD_ORDER.length : i;
}

/** 王小明 → 王*明, 李华 → 李*: for a viewer who may not see the name. */
function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export interface AuditFieldOut {
  key: string;
  label: string;
  value: string;
}

export interface AuditItem {
  id: string;
  at: string;
  actor: { id: string | null; name: string; role: string | null; roleLabel: string | null } | null;
  action: string;
  actionLabel: string;
  area: string | null;
  areaLabel: string | null;
  record: { type: string; typeLabel: string; id: string | null; name: string | null } | null;
  description: string;
  details: AuditFieldOut[];
  ip: string | null;
}

/** The ids a page of events refers to (its records and the ids in its details). */
export function refsOf(rows: AuditRow[]): AuditRefs {
  const refs = emptyRefs();
  const add = (kind: AuditRefKind, v: unknown) => {
    if (typeof v === 'string' && UUID.test(v)) refs[kind].add(v);
  };
  for (const r of rows) {
    if (r.actor_user_id) refs.user.add(r.actor_user_id);
    const kind = r.entity_type ? ENTITY_REF[r.entity_type] : undefined;
    if (kind) add(kind, r.entity_id);
    for (const [k, v] of Object.entries((r.detail ?? {}) as Record<string, unknown>)) {
      const ref = FIELD_REF[k];
      if (!ref) continue;
      if (Array.isArray(v)) for (const x of v.slice(0, 50)) add(ref, x);
      else add(ref, v);
    }
  }
  return refs;
}

export class AuditFormatter {
  private readonly zh: boolean;
  private readonly names: boolean;

  constructor(
    private readonly locale: Locale,
    private readonly n: AuditNames,
    viewerRole: string,
  ) {
    this.zh = locale === 'zh-CN';
    this.names = NAME_VISIBLE_TO.has(viewerRole);
  }

  private t(path: string, params?: Record<string, string | number>): string {
    return translate(this.locale, path, params);
  }

  private personal(name: string): string {
    return this.names ? name : maskName(name);
  }

  date(d: string): string {
    return this.zh ? formatDateZh(d) : d;
  }
  plainDate(d: string): string {
    return this.zh ? formatPlainDateZh(d) : d;
  }
  dateTime(d: string | Date): string {
    if (this.zh) return formatDateTimeZh(d);
    return new Intl.DateTimeFormat('sv-SE', { timeZone: DISTRICT_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(d));
  }
  private time(d: string | Date): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: DISTRICT_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
      new Date(d),
    );
  }

  roleLabel(role: string | null): string | null {
    return role ? (lookup(this.locale, 'roles', role) ?? role) : null;
  }

  /** '邵文静(保育人员)', the actor as the description names them. */
  private actorText(r: AuditRow): string | null {
    if (!r.actor_user_id) return null;
    const role = this.roleLabel(r.actor_role);
    const name = r.display_name ?? this.t('auditLog.unknownAccount');
    // The three security accounts are named after their role ('审计管理员', not '审计管理员(审计管理员)'), and a name
    // that already says where its person works keeps only that ('王慧敏(区教育局)').
    return role && role !== name && !name.includes('(') ? `${name}(${role})` : name;
  }

  /** The display name of one record of a kind, or null when it is gone. */
  nameOf(kind: AuditRefKind, id: string): string | null {
    const n = this.n;
    switch (kind) {
      case 'user': {
        const u = n.user.get(id);
        if (!u) return null;
        if (!u.username) return this.personal(u.display_name); // a guardian: no username, a personal name
        // 徐静怡(carer.scbl); a name that has its own brackets (曹丽华(市场监管)) takes the username after a dot.
        return u.display_name.includes('(') ? `${u.display_name} · ${u.username}` : `${u.display_name}(${u.username})`;
      }
      case 'house':
        return n.house.get(id)?.name ?? null;
      case 'street':
        return n.street.get(id)?.name ?? null;
      case 'child': {
        const c = n.child.get(id);
        return c ? this.personal(c.name) : null;
      }
      case 'family': {
        const f = n.family.get(id);
        return f ? this.t('auditLog.family', { name: this.personal(f.guardian_name) }) : null;
      }
      case 'staff':
        return n.staff.get(id)?.name ?? null;
      case 'person': {
        const p = n.person.get(id);
        if (p) return `${this.personal(p.name)}(${p.relation})`;
        const u = n.user.get(id); // the guardian picks up with their own account id
        return u ? this.personal(u.display_name) : null;
      }
      case 'session': {
        const s = n.session.get(id);
        return s ? `${s.house_name} ${this.date(s.date)} ${this.time(s.starts_at)}–${this.time(s.ends_at)}` : null;
      }
      case 'booking': {
        const b = n.booking.get(id);
        if (!b) return null;
        const session = this.nameOf('session', b.session_id);
        return session ? `${this.personal(b.child_name)} · ${session}` : this.personal(b.child_name);
      }
      case 'room': {
        const r = n.room.get(id);
        return r ? `${r.house_name} ${r.name}` : null;
      }
      case 'template': {
        const t = n.template.get(id);
        if (!t) return null;
        const weekday = catalogs[this.locale].weekdays[t.weekday] ?? '';
        const service = lookup(this.locale, 'auditLog.values.serviceType', t.service_type) ?? t.service_type;
        return `${t.house_name} ${weekday} ${t.start_time.slice(0, 5)}–${t.end_time.slice(0, 5)} ${service}`;
      }
      case 'closure': {
        const c = n.closure.get(id);
        return c ? `${c.house_name} ${this.date(c.from_date)}${this.zh ? ' 至 ' : ' – '}${this.date(c.to_date)}` : null;
      }
      case 'incident': {
        const i = n.incident.get(id);
        if (!i) return null;
        const kind = lookup(this.locale, 'incidentKinds', i.kind) ?? i.kind;
        return `${i.house_name} ${this.dateTime(i.occurred_at)} ${kind}${i.child_name ? `(${this.personal(i.child_name)})` : ''}`;
      }
      case 'dailyLog': {
        const d = n.dailyLog.get(id);
        if (!d) return null;
        const kind = lookup(this.locale, 'auditLog.values.dailyLogKind', d.kind) ?? d.kind;
        return this.zh ? `${d.house_name} ${this.date(d.date)} 的${kind}` : `${kind}, ${d.house_name}, ${d.date}`;
      }
      case 'guidanceEvent': {
        const e = n.guidanceEvent.get(id);
        return e ? `${e.title}(${this.date(e.date)})` : null;
      }
      case 'course':
        return n.course.get(id)?.title ?? null;
      case 'provider':
        return n.provider.get(id)?.name ?? null;
      case 'population': {
        const p = n.population.get(id);
        return p ? this.t('auditLog.population', { street: p.street_name, year: p.year }) : null;
      }
      case 'newborn': {
        const b = n.newborn.get(id);
        return b ? this.t('auditLog.newborn', { name: this.personal(b.child_name) }) : null;
      }
      case 'file': {
        const f = n.file.get(id);
        if (!f) return null;
        return f.original_name ?? lookup(this.locale, 'auditLog.file', f.content_type) ?? f.content_type;
      }
    }
  }

  entityLabel(type: string): string {
    return lookup(this.locale, 'auditLog.entities', type) ?? type;
  }

  /** The record an event is about, named; a record that is gone says so ('已删除的房间'). */
  record(r: AuditRow): AuditItem['record'] {
    if (!r.entity_type) return null;
    const typeLabel = this.entityLabel(r.entity_type);
    const id = r.entity_id;
    if (!id) return { type: r.entity_type, typeLabel, id: null, name: null };
    let name: string | null = null;
    if (r.entity_type === 'policy_parameter') name = lookup(this.locale, 'policyKeys', id) ?? id;
    else if (r.entity_type === 'document_version') {
      const [kind, version] = id.split(':');
      const title = lookup(this.locale, 'auditLog.documents', kind) ?? kind;
      name = version ? this.t('auditLog.documentVersion', { title, version }) : title;
    } else {
      const kind = ENTITY_REF[r.entity_type];
      name = kind && UUID.test(id) ? this.nameOf(kind, id) : null;
      name ??= this.t('auditLog.deleted', { type: typeLabel });
    }
    return { type: r.entity_type, typeLabel, id, name };
  }

  private names_(kind: AuditRefKind, list: unknown[]): string {
    const named = list.map((x) => (typeof x === 'string' && UUID.test(x) ? this.nameOf(kind, x) : null)).filter((x): x is string => !!x);
    const sep = this.zh ? '、' : ', ';
    if (list.length > 5 || named.length < list.length) {
      const shown = named.slice(0, 5).join(sep);
      return shown
        ? this.t(kind === 'child' ? 'auditLog.moreChildren' : 'auditLog.moreItems', { names: shown, n: list.length })
        : String(list.length);
    }
    return named.join(sep);
  }

  /** One detail value as people read it. */
  value(action: string, key: string, v: unknown): string | null {
    if (v === null || v === undefined || v === '') return null;
    const yes = this.t('common.yes');
    const no = this.t('common.no');
    const sep = this.zh ? '、' : ', ';
    const ref = FIELD_REF[key];
    if (ref) {
      if (Array.isArray(v)) return v.length ? this.names_(ref, v) : this.zh ? '无' : 'none';
      if (typeof v === 'number') return `${v} ${this.unit('person')}`.trim();
      if (typeof v === 'string')
        return (UUID.test(v) ? this.nameOf(ref, v) : null) ?? this.t('auditLog.deleted', { type: this.fieldLabel(key) });
    }
    if (key === 'changed' && Array.isArray(v)) return v.map((k) => this.fieldLabel(String(k))).join(sep);
    if (key === 'rooms' && Array.isArray(v)) {
      return v
        .map((room) => {
          const r = room as { name?: string; areaM2?: number };
          return r.areaM2 ? `${r.name}(${formatArea(r.areaM2)})` : String(r.name ?? '');
        })
        .join(sep);
    }
    if (key === 'action' && typeof v === 'string' && isAuditAction(v)) return this.zh ? AUDIT_ACTIONS[v].zh : AUDIT_ACTIONS[v].en;
    if (key === 'area' && typeof v === 'string' && v in AUDIT_AREAS) {
      const area = AUDIT_AREAS[v as keyof typeof AUDIT_AREAS];
      return this.zh ? area.zh : area.en;
    }
    if (key === 'entityType' && typeof v === 'string') return this.entityLabel(v);
    if (key === 'version' && typeof v === 'number') return this.zh ? `第 ${v} 版` : `v${v}`;
    if ((key === 'priceFen' || key === 'hourlyPriceFen') && typeof v === 'number') return formatYuan(v);
    if (key === 'areaM2' && typeof v === 'number') return formatArea(v);
    if (key === 'weekday' && typeof v === 'number') return catalogs[this.locale].weekdays[v] ?? String(v);
    const table = this.enumTable(action, key);
    if (table && typeof v === 'string') return lookup(this.locale, table, v) ?? v;
    if (typeof v === 'boolean') return v ? yes : no;
    if (typeof v === 'number') return UNITS[key] ? `${v} ${this.unit(UNITS[key])}`.trim() : String(v);
    if (typeof v === 'string') {
      if (LOCAL_DATE.test(v)) return PLAIN_DATES.has(key) ? this.plainDate(v) : this.date(v);
      if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) return this.dateTime(v);
      return v;
    }
    if (Array.isArray(v))
      return v
        .map((x) => this.value(action, key, x) ?? '')
        .filter(Boolean)
        .join(sep);
    if (typeof v === 'object') {
      // A nested object (house facts, a charge): its own labelled pairs on one line.
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => {
          const shown = this.value(action, k, x);
          return shown === null ? null : `${this.fieldLabel(k)}${this.zh ? ':' : ': '}${shown}`;
        })
        .filter(Boolean)
        .join(this.zh ? ';' : '; ');
    }
    return String(v);
  }

  private unit(key: string): string {
    return lookup(this.locale, 'auditLog.units', key) ?? '';
  }

  /** Which code table translates a field (some codes mean different things in different actions). */
  private enumTable(action: string, key: string): string | null {
    switch (key) {
      case 'kind':
        if (action === 'incident.create') return 'incidentKinds';
        if (action === 'dailyLog.create') return 'auditLog.values.dailyLogKind';
        if (action === 'staff.credential') return 'credentialKinds';
        if (action === 'targets.nudge' || action === 'targets.list.read') return 'auditLog.values.nudgeKind';
        return null;
      case 'severity':
        return 'incidentSeverity';
      case 'role':
        return 'roles';
      case 'department':
        return 'departments';
      case 'position':
        return 'positions';
      case 'employment':
        return 'employment';
      case 'sex':
        return 'sex';
      case 'method':
        return action === 'guidance.attend' ? 'auditLog.values.attendMethod' : 'auditLog.values.method';
      case 'how':
      case 'purpose':
      case 'topic':
      case 'result':
      case 'serviceType':
      case 'mode':
      case 'referral':
        return `auditLog.values.${key}`;
      case 'notice':
        return 'guardianNotices';
      case 'status':
        return action.startsWith('house.') ? 'houseStatus' : 'auditLog.values.status';
      default:
        return null;
    }
  }

  fieldLabel(key: string): string {
    return lookup(this.locale, 'auditLog.fields', key) ?? lookup(this.locale, 'facilities', key) ?? key;
  }

  /**
   * The details of an event as labelled fields, in the order of the field catalogue (jsonb keeps no order of its
   * own), unknown fields last; internal ids left out.
   */
  details(action: string, detail: Record<string, unknown>): AuditFieldOut[] {
    const out: AuditFieldOut[] = [];
    const entries = Object.entries(detail ?? {}).sort(([a], [b]) => fieldRank(a) - fieldRank(b));
    for (const [key, v] of entries) {
      if (HIDDEN.has(key)) continue;
      const value = this.value(action, key, v);
      if (value === null) continue;
      out.push({ key, label: this.fieldLabel(key), value });
    }
    return out;
  }

  item(r: AuditRow): AuditItem {
    const record = this.record(r);
    const known = isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : null;
    const area = known ? AUDIT_AREAS[known.area] : null;
    const actorText = this.actorText(r);
    // A sign-in that failed has no actor: the account it tried is the record.
    return {
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actor: r.actor_user_id
        ? {
            id: r.actor_user_id,
            name: r.display_name ?? this.t('auditLog.unknownAccount'),
            role: r.actor_role,
            roleLabel: this.roleLabel(r.actor_role),
          }
        : null,
      action: r.action,
      actionLabel: known ? (this.zh ? known.zh : known.en) : r.action,
      area: known?.area ?? null,
      areaLabel: area ? (this.zh ? area.zh : area.en) : null,
      record,
      description: describeAudit(this.locale, r.action, actorText, record?.name ?? null),
      details: this.details(r.action, (r.detail ?? {}) as Record<string, unknown>),
      ip: r.ip,
    };
  }
}
