// One child: the booking checklist in full, the health-check certificates (with a preview), the declared
// health, and the way to correct the details.
import { Button, ErrorBlock, ImageViewer } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import type { Certificate, Family, FamilyChild } from '../../../common/familyTypes.ts';
import { formatPlainDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { ageText, editable } from '../../family/helpers.ts';
import { Checklist } from '../../family/Checklist.tsx';
import { useLoadedFamily } from '../../family/useFamilyPage.tsx';
import { FlowPage } from '../../components/FlowPage.tsx';
import { CheckIcon, DocIcon, EditIcon, PlusIcon } from '../../components/icons.tsx';

export const fileUrl = (fileId: string) => `/api/family/files/${encodeURIComponent(fileId)}`;

function openCertificate(c: Certificate) {
  if (c.contentType.startsWith('image/')) ImageViewer.show({ image: fileUrl(c.fileId) });
  else window.open(fileUrl(c.fileId), '_blank', 'noopener');
}

function CertificateItem({ c, current, child }: { c: Certificate; current: boolean; child: FamilyChild }) {
  const expired = child.eligibility.missing.includes('certificateExpired');
  const image = c.contentType.startsWith('image/');
  return (
    <div className={current ? 'cert-item current' : 'cert-item'} data-qa="certificate">
      <button
        type="button"
        className="cert-thumb"
        onClick={() => openCertificate(c)}
        aria-label={t('family.cert.open')}
        data-qa="certificate-thumb"
      >
        {image ? (
          <img src={fileUrl(c.fileId)} alt="" loading="lazy" />
        ) : (
          <span className="pdf-thumb">
            <DocIcon />
            <span>PDF</span>
          </span>
        )}
      </button>
      <div className="cert-info">
        <div className="cert-line">
          <span className="cert-label">{t('family.cert.examDate')}</span>
          <span data-qa="certificate-exam-date">{formatPlainDateZh(c.examDate)}</span>
        </div>
        <div className="cert-line">
          <span className="cert-label">{t('family.cert.institution')}</span>
          <span data-qa="certificate-institution">{c.institution}</span>
        </div>
        {current && child.eligibility.certificateValidUntil && (
          <div className="cert-line">
            <span className="cert-label">{t('family.cert.validUntil')}</span>
            <span data-qa="certificate-valid-until">{formatPlainDateZh(child.eligibility.certificateValidUntil)}</span>
            <span className={expired ? 'mini-tag bad' : 'mini-tag good'}>
              {expired ? t('family.cert.expired') : t('family.cert.current')}
            </span>
          </div>
        )}
        <div className="cert-uploaded muted">
          {t('family.cert.uploadedAt', { date: formatPlainDateZh(c.uploadedAt) })} · {t('family.cert.open')}
        </div>
      </div>
    </div>
  );
}

function ChildBody({ family, child }: { family: Family; child: FamilyChild }) {
  const navigate = useNavigate();
  const canEdit = editable(family);
  const e = child.eligibility;
  const [current, ...older] = child.certificates;
  return (
    <>
      <section className="card child-hero" data-qa="child-hero">
        <div className="child-head">
          <div className={`child-avatar big ${child.sex}`} aria-hidden="true">
            {child.name.slice(-1)}
          </div>
          <div className="child-head-text">
            <div className="child-name big" data-qa="child-page-name">
              {child.name}
            </div>
            <div className="muted small">{t('family.childLine', { sex: t(`sex.${child.sex}`), age: ageText(e.ageMonths) })}</div>
          </div>
          <span className={e.bookable ? 'book-tag ok' : 'book-tag no'} data-qa="child-bookable">
            {e.bookable ? t('family.bookable') : t('family.notBookable')}
          </span>
        </div>
        {e.bookable ? (
          <div className="child-ready" data-qa="child-ready">
            <CheckIcon />
            <span>{t('family.readyToBook')}</span>
          </div>
        ) : (
          <div className="checklist-title">{t('family.checklistTitle')}</div>
        )}
        <Checklist child={child} family={family} full canAct={canEdit} />
      </section>

      <section className="card" data-qa="child-certificates">
        <div className="card-title-row">
          <h2 className="card-title">{t('family.cert.title')}</h2>
          {canEdit && child.certificates.length > 0 && (
            <button
              type="button"
              className="text-button"
              onClick={() => navigate(`/family/children/${child.id}/certificate`)}
              data-qa="certificate-upload-new"
            >
              <PlusIcon /> {t('family.cert.uploadNew')}
            </button>
          )}
        </div>
        {!current && (
          <div className="cert-empty">
            <p className="muted small">{t('family.cert.hint')}</p>
            {canEdit && (
              <Button
                block
                color="primary"
                shape="rounded"
                onClick={() => navigate(`/family/children/${child.id}/certificate`)}
                data-qa="certificate-upload"
              >
                {t('family.cert.upload')}
              </Button>
            )}
          </div>
        )}
        {current && <CertificateItem c={current} current child={child} />}
        {older.length > 0 && (
          <>
            <div className="cert-older-title">{t('family.cert.older')}</div>
            {older.map((c) => (
              <CertificateItem key={c.id} c={c} current={false} child={child} />
            ))}
          </>
        )}
      </section>

      <section className="card" data-qa="child-details">
        <div className="card-title-row">
          <h2 className="card-title">{t('family.child.title')}</h2>
          {canEdit && (
            <button
              type="button"
              className="text-button"
              onClick={() => navigate(`/family/children/${child.id}/edit`)}
              data-qa="child-edit"
            >
              <EditIcon /> {t('family.child.edit')}
            </button>
          )}
        </div>
        <div className="info-row">
          <span className="info-label">{t('family.child.birthDate')}</span>
          <span className="info-value">{formatPlainDateZh(child.birthDate)}</span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('family.child.idNumber')}</span>
          <span className="info-value" data-qa="child-id-masked">
            {child.idNumberMasked}
          </span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('family.child.street')}</span>
          <span className="info-value">{child.residenceStreetName}</span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('family.child.allergies')}</span>
          <span className="info-value">{child.allergies || t('family.child.none')}</span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('family.child.history')}</span>
          <span className="info-value">{child.history || t('family.child.none')}</span>
        </div>
      </section>
      {!canEdit && (
        <p className="locked-line" data-qa="locked-note">
          {t('family.locked')}
        </p>
      )}
    </>
  );
}

export function ChildPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { family, placeholder } = useLoadedFamily();
  const child = family?.children.find((c) => c.id === id);
  return (
    <FlowPage title={child?.name ?? t('family.child.title')} qa="child-page">
      {placeholder}
      {family && !child && (
        <ErrorBlock status="empty" title={t('family.child.notFound')} description="">
          <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/family', { replace: true })}>
            {t('family.child.back')}
          </Button>
        </ErrorBlock>
      )}
      {family && child && <ChildBody family={family} child={child} />}
    </FlowPage>
  );
}
