// A child's booking checklist: what is still missing (the Chinese text of requirements.*, with the tap that
// fixes it) and, in full mode, what is already done. Computed by the server's eligibility function.
import { Link } from 'react-router';
import type { Family, FamilyChild, Requirement } from '../../common/familyTypes.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { requirementAction } from './helpers.ts';
import { CheckIcon } from '../components/icons.tsx';

export function MissingRow({
  r,
  childId,
  reason,
  canAct = true,
}: {
  r: Requirement;
  childId?: string;
  reason?: string | null;
  canAct?: boolean;
}) {
  // Certificates cannot be added while the street reviews; the consent and the agreement can always be given.
  const action =
    canAct || (r !== 'certificate' && r !== 'certificateExpired' && r !== 'certificateAfterAbsence') ? requirementAction(r, childId) : null;
  return (
    <li className={`check-row missing req-${r}`} data-qa="checklist-missing" data-requirement={r}>
      <span className="check-mark" aria-hidden="true">
        !
      </span>
      <span className="check-text">
        {t(`requirements.${r}`)}
        {r === 'returned' && reason && (
          <span className="check-reason">
            {t('family.returnReason')}:{reason}
          </span>
        )}
      </span>
      {action && (
        <Link to={action.to} className="check-action" data-qa={`action-${r}`} onClick={(e) => e.stopPropagation()}>
          {action.label}
        </Link>
      )}
    </li>
  );
}

function DoneRow({ text }: { text: string }) {
  return (
    <li className="check-row done" data-qa="checklist-done">
      <span className="check-mark" aria-hidden="true">
        <CheckIcon />
      </span>
      <span className="check-text">{text}</span>
    </li>
  );
}

/** `full`: also list what is done (the child's page); otherwise only what is missing (the family page). */
export function Checklist({
  child,
  family,
  full = false,
  canAct = true,
}: {
  child: FamilyChild;
  family: Family;
  full?: boolean;
  canAct?: boolean;
}) {
  const e = child.eligibility;
  const missing = new Set(e.missing);
  const done: string[] = [];
  if (full) {
    if (!missing.has('consent')) done.push(t('family.done.consent'));
    if (!missing.has('agreement')) done.push(t('family.done.agreement'));
    if (e.certificateValidUntil && !missing.has('certificate') && !missing.has('certificateExpired')) {
      done.push(t('family.done.certificate', { date: formatPlainDateZh(e.certificateValidUntil) }));
    }
    if (!missing.has('tooYoung') && !missing.has('tooOld')) done.push(t('family.done.age'));
    if (family.status === 'accepted') done.push(t('family.done.review'));
  }
  return (
    <ul className="checklist" data-qa="child-checklist">
      {e.missing.map((r) => (
        <MissingRow key={r} r={r} childId={child.id} reason={e.returnReason} canAct={canAct} />
      ))}
      {done.map((d) => (
        <DoneRow key={d} text={d} />
      ))}
    </ul>
  );
}
