// 我的家庭: where the registration stands (familyStatus.*, the street's reason when returned), what is still to do
// with the tap that does it, each child's booking checklist, and the family's details. Without a family yet:
// what registering involves, and the button that starts it. For a family with a newborn in the street's register,
// its home visit (入户指导) too, and for every guardian the way to register a newborn for that visit (登记新生儿).
import { Button, Dialog, PullToRefresh, Toast } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { post, ApiError } from '../../../common/api.ts';
import type { Family, FamilyEnvelope, FamilyPerson, Requirement } from '../../../common/familyTypes.ts';
import { formatDateZh, formatPlainDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { setFamily, useFamily } from '../../family/store.ts';
import { ageText, editable } from '../../family/helpers.ts';
import { Checklist } from '../../family/Checklist.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { HomeVisits, visitsPath } from '../../visits/HomeVisits.tsx';
import { NewbornReportEntry } from '../../visits/NewbornReportEntry.tsx';
import { refresh } from '../../booking/store.ts';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { AlertIcon, CheckIcon, DocIcon, FamilyArt, PlusIcon, ShieldIcon } from '../../components/icons.tsx';

export function FamilyPage() {
  const { data, error, reload } = useFamily();
  return (
    <div className="page family-page" data-qa="family-page">
      <PageHeader title={t('family.title')} />
      {error && <LoadFailed error={error} onRetry={() => void reload()} />}
      {!data && !error && <Loading />}
      {data && !data.family && (
        <>
          <HomeVisits />
          <FamilyStart />
          <NewbornReportEntry />
        </>
      )}
      {data?.family && (
        <PullToRefresh onRefresh={() => Promise.all([reload(), refresh(visitsPath)]).then(() => undefined)}>
          <FamilyOverview env={data} family={data.family} reload={reload} />
        </PullToRefresh>
      )}
    </div>
  );
}

function FamilyStart() {
  const navigate = useNavigate();
  const steps = ['s1', 's2', 's3', 's4', 's5'] as const;
  return (
    <div data-qa="family-start">
      <section className="card start-card">
        <div className="start-art">
          <FamilyArt />
        </div>
        <h2 className="start-title">{t('family.start.title')}</h2>
        <p className="start-intro">{t('family.start.intro')}</p>
        <ol className="start-steps">
          {steps.map((s, i) => (
            <li key={s}>
              <span className="start-step-no">{i + 1}</span>
              <span>{t(`family.start.steps.${s}`)}</span>
            </li>
          ))}
        </ol>
        <div className="start-prepare">
          <div className="start-prepare-title">{t('family.start.prepareTitle')}</div>
          <div>{t('family.start.prepare')}</div>
        </div>
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          className="start-button"
          data-qa="family-start-button"
          onClick={() => navigate('/family/register')}
        >
          {t('family.start.button')}
        </Button>
        <div className="muted small center">{t('family.start.time')}</div>
      </section>
    </div>
  );
}

export async function submitFamily(family: Family, reload: () => Promise<void>) {
  const ok = await Dialog.confirm({
    title: t('family.submitConfirmTitle'),
    content: t('family.submitConfirm', { street: family.streetName }),
    confirmText: t('family.submit'),
    cancelText: t('common.cancel'),
  });
  if (!ok) return;
  try {
    const env = await post<FamilyEnvelope>('/api/family/submit');
    setFamily(env);
    Toast.show({ content: t('family.submitOk'), icon: 'success' });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'REGISTRATION_INCOMPLETE') {
      const missing = (Array.isArray(err.body.missing) ? err.body.missing : err.fieldErrors.map((f) => f.code)) as Requirement[];
      await Dialog.alert({
        title: t('family.incompleteTitle'),
        content: (
          <div className="incomplete-dialog" data-qa="incomplete-dialog">
            <p>{t('family.incompleteBody')}</p>
            <ul>
              {missing.map((r) => (
                <li key={r}>{t(`requirements.${r}`)}</li>
              ))}
            </ul>
          </div>
        ),
        confirmText: t('family.gotIt'),
      });
      void reload();
      return;
    }
    Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL'), position: 'center' });
    void reload();
  }
}

function StatusCard({ family }: { family: Family }) {
  const s = family.status;
  const date = s === 'submitted' ? family.submittedAt : family.reviewedAt;
  return (
    <section className={`card status-card status-${s}`} data-qa="family-status" data-status={s}>
      <div className="status-top">
        <span className="status-tag" data-qa="family-status-tag">
          {t(`familyStatus.${s}`)}
        </span>
        <span className="status-street">{family.streetName}</span>
      </div>
      <div className="status-headline">{t(`family.headline.${s}`)}</div>
      <div className="status-hint">{t(`family.hint.${s}`, { street: family.streetName, date: date ? formatDateZh(date) : '' })}</div>
      {s === 'returned' && family.returnReason && (
        <div className="return-reason" data-qa="return-reason">
          <AlertIcon />
          <div>
            <div className="return-reason-label">{t('family.returnReason')}</div>
            <div className="return-reason-text">{family.returnReason}</div>
          </div>
        </div>
      )}
      {s === 'submitted' && (
        <div className="locked-note" data-qa="locked-note">
          {t('family.locked')}
        </div>
      )}
    </section>
  );
}

function TodoCard({ env, family, reload }: { env: FamilyEnvelope; family: Family; reload: () => Promise<void> }) {
  const canEdit = editable(family);
  const rows: { key: string; text: string; action?: { label: string; to: string } }[] = [];
  if (env.todo.includes('consent'))
    rows.push({
      key: 'consent',
      text: t('family.todo.consent'),
      action: { label: t('family.action.consent'), to: '/family/documents/consent' },
    });
  if (env.todo.includes('agreement'))
    rows.push({
      key: 'agreement',
      text: t('family.todo.agreement'),
      action: { label: t('family.action.agreement'), to: '/family/documents/agreement' },
    });
  for (const c of family.children) {
    if (c.certificates.length === 0) {
      rows.push({
        key: `cert-${c.id}`,
        text: t('family.certificateFor', { name: c.name }),
        action: canEdit ? { label: t('family.action.certificate'), to: `/family/children/${c.id}/certificate` } : undefined,
      });
    }
  }
  const canSubmit = family.status === 'draft' || family.status === 'returned';
  if (!rows.length && !canSubmit) return null;
  return (
    <section className="card todo-card" data-qa="family-todo">
      <h2 className="card-title">{t('family.todoTitle')}</h2>
      {rows.length > 0 && (
        <ul className="checklist">
          {rows.map((r) => (
            <li key={r.key} className="check-row missing" data-qa="todo-row">
              <span className="check-mark" aria-hidden="true">
                !
              </span>
              <span className="check-text">{r.text}</span>
              {r.action && (
                <Link to={r.action.to} className="check-action" data-qa={`todo-${r.key.startsWith('cert') ? 'certificate' : r.key}`}>
                  {r.action.label}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSubmit && (
        <>
          {rows.length === 0 && (
            <p className="todo-ready">
              <CheckIcon /> {t('family.todoAllDone')}
            </p>
          )}
          <Button
            block
            color="primary"
            fill={rows.length ? 'outline' : 'solid'}
            shape="rounded"
            size="large"
            className="submit-button"
            data-qa="family-submit"
            onClick={() => void submitFamily(family, reload)}
          >
            {family.status === 'returned' ? t('family.resubmit') : t('family.submit')}
          </Button>
        </>
      )}
    </section>
  );
}

function ChildCards({ family }: { family: Family }) {
  const navigate = useNavigate();
  const canEdit = editable(family);
  return (
    <section className="children-section" data-qa="family-children">
      <div className="section-head">
        <h2>{t('family.childrenTitle')}</h2>
        {canEdit && (
          <Link to="/family/children/new" className="link section-link" data-qa="add-child-link">
            <PlusIcon /> {t('family.addChild')}
          </Link>
        )}
      </div>
      {family.children.map((c) => {
        const e = c.eligibility;
        return (
          <div
            key={c.id}
            className="card child-card"
            role="button"
            tabIndex={0}
            data-qa="child-card"
            data-child-id={c.id}
            onClick={() => navigate(`/family/children/${c.id}`)}
            onKeyDown={(ev) => ev.key === 'Enter' && navigate(`/family/children/${c.id}`)}
          >
            <div className="child-head">
              <div className={`child-avatar ${c.sex}`} aria-hidden="true">
                {c.name.slice(-1)}
              </div>
              <div className="child-head-text">
                <div className="child-name" data-qa="child-name">
                  {c.name}
                </div>
                <div className="muted small">{t('family.childLine', { sex: t(`sex.${c.sex}`), age: ageText(e.ageMonths) })}</div>
              </div>
              <span className={e.bookable ? 'book-tag ok' : 'book-tag no'} data-qa="child-bookable">
                {e.bookable ? t('family.bookable') : t('family.notBookable')}
              </span>
              <span className="card-chevron" aria-hidden="true">
                ›
              </span>
            </div>
            {e.bookable ? (
              <div className="child-ready">
                <CheckIcon />
                <span>
                  {t('family.readyToBook')}
                  {e.certificateValidUntil && (
                    <span className="muted"> · {t('family.done.certificate', { date: formatPlainDateZh(e.certificateValidUntil) })}</span>
                  )}
                </span>
              </div>
            ) : (
              <>
                <div className="checklist-title">{t('family.checklistTitle')}</div>
                <Checklist child={c} family={family} canAct={canEdit} />
              </>
            )}
          </div>
        );
      })}
    </section>
  );
}

function InfoRow({ label, value, qa }: { label: string; value: string; qa?: string }) {
  return (
    <div className="info-row">
      <span className="info-label">{label}</span>
      <span className="info-value" data-qa={qa}>
        {value}
      </span>
    </div>
  );
}

function CardHead({ title, to, canEdit, qa }: { title: string; to: string; canEdit: boolean; qa: string }) {
  return (
    <div className="card-title-row">
      <h2 className="card-title">{title}</h2>
      {canEdit && (
        <Link to={to} className="link" data-qa={qa}>
          {t('family.editLink')} ›
        </Link>
      )}
    </div>
  );
}

function PeopleCard({
  title,
  people,
  empty,
  to,
  canEdit,
  qa,
}: {
  title: string;
  people: FamilyPerson[];
  empty: string;
  to: string;
  canEdit: boolean;
  qa: string;
}) {
  return (
    <section className="card" data-qa={qa}>
      <CardHead title={title} to={to} canEdit={canEdit} qa={`${qa}-edit`} />
      {people.length === 0 && <p className="muted small">{empty}</p>}
      {people.map((p) => (
        <div className="person-row" key={p.id} data-qa="person-row">
          <span className="person-name">{p.name}</span>
          <span className="person-relation">{p.relation}</span>
          <span className="person-phone">{p.phoneMasked}</span>
        </div>
      ))}
    </section>
  );
}

function DocsCard({ env, family }: { env: FamilyEnvelope; family: Family }) {
  const rows = [
    {
      kind: 'consent',
      title: t('family.docConsent'),
      version: family.consentVersion,
      at: family.consentAt,
      current: env.currentConsentVersion,
    },
    {
      kind: 'agreement',
      title: t('family.docAgreement'),
      version: family.agreementVersion,
      at: family.agreementSignedAt,
      current: env.currentAgreementVersion,
    },
  ] as const;
  return (
    <section className="card" data-qa="family-docs">
      <h2 className="card-title">{t('family.docsTitle')}</h2>
      {rows.map((r) => {
        const ok = r.version !== null && r.version >= r.current && r.at;
        return (
          <Link key={r.kind} to={`/family/documents/${r.kind}`} className="doc-row" data-qa={`doc-row-${r.kind}`}>
            <span className="doc-row-icon">
              <DocIcon />
            </span>
            <span className="doc-row-body">
              <span className="doc-row-title">{r.title}</span>
              <span className={ok ? 'doc-row-state' : 'doc-row-state warn'}>
                {ok
                  ? t('family.docSigned', { version: r.version!, date: formatPlainDateZh(r.at!) })
                  : r.version
                    ? t('family.docOutdated')
                    : t('family.docNotSigned')}
              </span>
            </span>
            <span className="card-chevron" aria-hidden="true">
              ›
            </span>
          </Link>
        );
      })}
    </section>
  );
}

function FamilyOverview({ env, family, reload }: { env: FamilyEnvelope; family: Family; reload: () => Promise<void> }) {
  const canEdit = editable(family);
  return (
    <div className="family-body">
      <StatusCard family={family} />
      <TodoCard env={env} family={family} reload={reload} />
      <HomeVisits />
      <NewbornReportEntry />
      <ChildCards family={family} />
      <section className="card" data-qa="family-guardian">
        <CardHead title={t('family.guardianTitle')} to="/family/guardian" canEdit={canEdit} qa="guardian-edit" />
        <InfoRow label={t('family.field.realName')} value={family.guardianName} qa="guardian-name" />
        <InfoRow label={t('family.field.idNumber')} value={family.guardianIdNumberMasked} qa="guardian-id" />
        <InfoRow label={t('family.field.phone')} value={family.guardianPhoneMasked} />
        <InfoRow label={t('family.field.street')} value={family.streetName} />
        <InfoRow label={t('family.field.address')} value={family.address} />
      </section>
      <PeopleCard
        title={t('family.pickupTitle')}
        people={family.pickupPersons}
        empty={t('family.pickupEmpty')}
        to="/family/pickup-persons"
        canEdit={canEdit}
        qa="family-pickups"
      />
      <PeopleCard
        title={t('family.emergencyTitle')}
        people={family.emergencyContacts}
        empty={t('family.emergencyEmpty')}
        to="/family/emergency-contacts"
        canEdit={canEdit}
        qa="family-emergency"
      />
      <DocsCard env={env} family={family} />
      <p className="family-privacy muted small">
        <ShieldIcon /> {t('family.privacy')}
      </p>
    </div>
  );
}
