// The way in to 登记新生儿 on 家庭: one line on why (the community arranges a free home visit) and the tap that opens
// the form. Shown to every guardian, registered family or not: a newborn's visit does not wait for care registration.
import { Link } from 'react-router';
import { t } from '../i18n/index.ts';
import { PlusIcon } from '../components/icons.tsx';
import './visits.css';

export function NewbornReportEntry() {
  return (
    <Link to="/family/newborns/new" className="card newborn-entry" data-qa="newborn-report-entry">
      <span className="newborn-entry-icon" aria-hidden="true">
        <PlusIcon />
      </span>
      <span className="newborn-entry-body">
        <span className="newborn-entry-title">{t('newborn.entryTitle')}</span>
        <span className="newborn-entry-hint">{t('newborn.entryHint')}</span>
      </span>
      <span className="card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
