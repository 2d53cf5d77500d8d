// Reading the children's-data rules or the service agreement (R14) in full, and confirming the version in force.
// A newer version than the one given asks again.
import { useState } from 'react';
import { Button, Checkbox, NoticeBar, Toast } from 'antd-mobile';
import { Navigate, useParams } from 'react-router';
import { post, ApiError } from '../../../common/api.ts';
import type { DocumentKind, FamilyEnvelope } from '../../../common/familyTypes.ts';
import { formatPlainDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { setFamily, useDocuments } from '../../family/store.ts';
import { useLoadedFamily } from '../../family/useFamilyPage.tsx';
import { FlowPage } from '../../components/FlowPage.tsx';
import { useGoBack } from '../../components/PageHeader.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { CheckIcon } from '../../components/icons.tsx';

export function DocumentPage() {
  const { kind = '' } = useParams();
  const { docs, error, reload: reloadDocs } = useDocuments();
  const { family, placeholder, reload } = useLoadedFamily();
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const goBack = useGoBack('/family');
  if (kind !== 'consent' && kind !== 'agreement') return <Navigate to="/family" replace />;
  const k: DocumentKind = kind;
  const doc = docs?.[k];
  const given = family ? (k === 'consent' ? family.consentVersion : family.agreementVersion) : null;
  const givenAt = family ? (k === 'consent' ? family.consentAt : family.agreementSignedAt) : null;
  const upToDate = !!doc && given !== null && given >= doc.version && !!givenAt;

  async function confirm() {
    if (!doc) return;
    if (!checked) {
      Toast.show({ content: t('family.doc.mustCheck'), position: 'center' });
      return;
    }
    setSaving(true);
    try {
      const env = await post<FamilyEnvelope>(`/api/family/${k}`, { version: doc.version });
      setFamily(env);
      Toast.show({ content: t(`family.doc.ok.${k}`), icon: 'success' });
      goBack();
    } catch (err) {
      Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL'), position: 'center' });
      if (err instanceof ApiError && err.code.endsWith('VERSION_OUTDATED')) {
        setChecked(false);
        void reloadDocs();
        void reload();
      }
    } finally {
      setSaving(false);
    }
  }

  const footer =
    !doc || !family ? null : upToDate ? (
      <div className="doc-signed" data-qa="doc-signed">
        <CheckIcon /> {t(`family.doc.signed.${k}`, { date: formatPlainDateZh(givenAt!), version: given! })}
      </div>
    ) : (
      <div className="doc-confirm">
        <Checkbox checked={checked} onChange={setChecked} data-qa="doc-check">
          {t(`family.doc.check.${k}`)}
        </Checkbox>
        <Button block color="primary" shape="rounded" size="large" loading={saving} onClick={() => void confirm()} data-qa="doc-confirm">
          {t(`family.doc.confirm.${k}`)}
        </Button>
      </div>
    );

  return (
    <FlowPage title={t(`family.doc.${k}`)} qa={`document-page-${k}`} footer={footer}>
      {error && <LoadFailed error={error} onRetry={() => void reloadDocs()} />}
      {!docs && !error && <Loading />}
      {docs && placeholder}
      {doc && family && (
        <>
          {given !== null && given < doc.version && (
            <NoticeBar content={t('family.doc.newVersion', { version: doc.version })} color="alert" wrap data-qa="doc-new-version" />
          )}
          <section className="card doc-card" data-qa="doc">
            <h2 className="doc-title" data-qa="doc-title">
              {doc.title}
            </h2>
            <div className="doc-meta">
              {t('family.register.version', { version: doc.version, date: formatPlainDateZh(doc.effectiveFrom) })}
            </div>
            <div className="doc-body" data-qa="doc-body">
              {doc.body}
            </div>
          </section>
        </>
      )}
    </FlowPage>
  );
}
