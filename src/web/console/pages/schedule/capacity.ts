// A session's legal capacity explained: which term of min(R4, ⌊area ÷ R3⌋, R5 × carers on duty, offered) binds,
// the value of each term, and the capacity a roster would give before it is saved.
import { sessionCapacity, type CapacityTerm } from '../../../../domain/capacity.ts';
import { formatArea } from '../../../common/i18n.ts';
import type { House } from '../../../common/types.ts';
import { t } from '../../i18n/index.ts';
import { roleCaresForChildren } from '../../../../domain/ratio.ts';
import type { StaffMember, StaffSession } from './types.ts';

export interface CapacityContext {
  house: House | undefined;
  /** R5 children per carer: from the policy when the role may read it. */
  childrenPerCarer: number | undefined;
}

/** Who counts for R5: the server's answer by the one rule (domain/ratio.ts); for a person it has not judged, their role. */
export const ratioCarers = (carers: StaffMember[]) => carers.filter((c) => c.countsForRatio ?? roleCaresForChildren(c.role)).length;

/** The carer ratio of a session: the policy's, or — when the carers bind — read off the capacity itself. */
export function ratioOf(session: StaffSession, ctx: CapacityContext): number | undefined {
  if (ctx.childrenPerCarer) return ctx.childrenPerCarer;
  const n = ratioCarers(session.carers);
  return session.capacityBinding === 'carers' && n > 0 ? Math.round(session.capacity / n) : undefined;
}

/** '班额上限', '按面积', '按在岗保育人员 1:5', '宝宝屋设定'. */
export function bindingLabel(session: StaffSession, ctx: CapacityContext): string {
  if (session.capacityBinding === 'carers') {
    const ratio = ratioOf(session, ctx);
    return ratio ? t('capacity.binding.carersRatio', { ratio }) : t('capacity.binding.carers');
  }
  return t(`capacity.binding.${session.capacityBinding}`);
}

export interface TermLine {
  term: CapacityTerm;
  label: string;
  value: number | undefined;
  binding: boolean;
}

/** Every term with its value, where the console knows it (room area and rules come with the house). */
export function termsOf(session: StaffSession, ctx: CapacityContext): TermLine[] {
  const room = ctx.house?.rooms.find((r) => r.id === session.roomId);
  const rules = ctx.house?.capacityRules;
  const ratio = ratioOf(session, ctx);
  const carers = ratioCarers(session.carers);
  const byArea = room && rules ? Math.floor(Math.round((room.areaM2 / rules.minAreaPerChildM2) * 1e6) / 1e6) : undefined;
  const line = (term: CapacityTerm, label: string, value: number | undefined): TermLine => ({
    term,
    label,
    value,
    binding: session.capacityBinding === term,
  });
  return [
    line('classSize', t('capacity.term.classSize', { max: rules?.maxClassSize ?? '—' }), rules?.maxClassSize),
    line(
      'area',
      room && rules
        ? t('capacity.term.area', { area: formatArea(room.areaM2), per: rules.minAreaPerChildM2 })
        : t('capacity.term.areaUnknown'),
      byArea,
    ),
    line(
      'carers',
      ratio ? t('capacity.term.carers', { n: carers, ratio }) : t('capacity.term.carersUnknown', { n: carers }),
      ratio ? carers * ratio : undefined,
    ),
    line('offered', t('capacity.term.offered'), session.offeredCapacity),
  ];
}

/** The capacity a roster would give (undefined when the room or the ratio is not known here). */
export function previewCapacity(session: StaffSession, roster: StaffMember[], ctx: CapacityContext) {
  const room = ctx.house?.rooms.find((r) => r.id === session.roomId);
  const rules = ctx.house?.capacityRules;
  const ratio = ratioOf(session, ctx);
  if (!room || !rules || !ratio) return undefined;
  return sessionCapacity(
    { areaM2: room.areaM2, carersOnDuty: ratioCarers(roster), offeredCapacity: session.offeredCapacity },
    { minAreaPerChildM2: rules.minAreaPerChildM2, maxClassSize: rules.maxClassSize, childrenPerCarer: ratio },
  );
}
