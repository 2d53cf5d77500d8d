// The people a roster may be picked from, as select options: who they are, and — when a missing or expired
// certificate, training or check bars them (R7–R9) — why they cannot be chosen.
import { t } from '../../i18n/index.ts';
import type { StaffMember } from './types.ts';

export function rosterOption(p: StaffMember) {
  const who = p.role === 'volunteer' ? `${p.name}${t('schedule.volunteerMark')}` : `${p.name}(${t(`roles.${p.role}`)})`;
  const blockers = p.blockers ?? [];
  return {
    value: p.id,
    label: blockers.length ? `${who} · ${blockers.map((b) => t(`rosterBlockers.${b}`)).join('、')}` : who,
    disabled: blockers.length > 0,
  };
}
