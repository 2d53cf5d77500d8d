// Adding a child (POST /api/family/children) or correcting one (PATCH /api/children/:id, only what changed,
// with the truthful-declaration promise each time). ID numbers are never shown in full.
import { useState } from 'react';
import { Button, ErrorBlock, Form, List, Toast } from 'antd-mobile';
import { Navigate, useNavigate, useParams } from 'react-router';
import { patch, post } from '../../../common/api.ts';
import type { ChildInput, FamilyEnvelope } from '../../../common/familyTypes.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { useStreets } from '../../streets.ts';
import { setFamily } from '../../family/store.ts';
import { editable, toLocalDate } from '../../family/helpers.ts';
import { ChildFields, onIdNumberChange } from '../../family/fields.tsx';
import { LockedNote, useLoadedFamily } from '../../family/useFamilyPage.tsx';
import { saveForm } from '../../family/save.ts';
import { FlowPage } from '../../components/FlowPage.tsx';
import { useGoBack } from '../../components/PageHeader.tsx';
import { Loading } from '../../components/LoadState.tsx';
import { confirmRecheck } from './GuardianEditPage.tsx';
import { scrollToFirstError } from './RegisterPage.tsx';

type Values = Partial<Omit<ChildInput, 'declaredTruthfully'>> & { declaredTruthfully?: boolean };

export function ChildEditPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const { env, family, placeholder } = useLoadedFamily();
  const { streets } = useStreets();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const goBack = useGoBack(mode === 'edit' ? `/family/children/${id}` : '/family');
  const today = me?.today ?? toLocalDate(new Date());
  const child = mode === 'edit' ? family?.children.find((c) => c.id === id) : undefined;
  if (mode === 'edit' && family && !child) return <Navigate to="/family" replace />;
  const needsConsent = mode === 'new' && !!env?.todo.includes('consent');

  async function save() {
    if (!family) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    const s = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
    let request: () => Promise<void>;
    if (mode === 'new') {
      const before = new Set(family.children.map((c) => c.id));
      request = async () => {
        const next = await post<FamilyEnvelope>('/api/family/children', {
          name: s(v.name),
          sex: v.sex,
          birthDate: v.birthDate,
          idNumber: s(v.idNumber),
          residenceStreetId: v.residenceStreetId,
          allergies: s(v.allergies),
          history: s(v.history),
          declaredTruthfully: true,
        });
        setFamily(next);
        const added = next.family?.children.find((c) => !before.has(c.id));
        Toast.show({ content: t('family.edit.added'), icon: 'success' });
        navigate(added ? `/family/children/${added.id}/certificate` : '/family', { replace: true });
      };
    } else {
      if (!child) return;
      const body: Record<string, unknown> = { declaredTruthfully: true };
      if (s(v.name) && s(v.name) !== child.name) body.name = s(v.name);
      if (v.sex && v.sex !== child.sex) body.sex = v.sex;
      if (v.birthDate && v.birthDate !== child.birthDate) body.birthDate = v.birthDate;
      if (s(v.idNumber)) body.idNumber = s(v.idNumber);
      if (v.residenceStreetId && v.residenceStreetId !== child.residenceStreetId) body.residenceStreetId = v.residenceStreetId;
      if (s(v.allergies) !== child.allergies) body.allergies = s(v.allergies);
      if (s(v.history) !== child.history) body.history = s(v.history);
      const identity = body.name !== undefined || body.birthDate !== undefined || body.idNumber !== undefined;
      if (!(await confirmRecheck(family, identity, t('family.edit.recheckChild')))) return;
      request = async () => {
        setFamily(await patch<FamilyEnvelope>(`/api/children/${child.id}`, body));
        Toast.show({ content: t('family.edit.saved'), icon: 'success' });
        goBack();
      };
    }
    await saveForm(form, setSaving, request);
  }

  const canEdit = editable(family);
  const ready = family && canEdit && streets && !needsConsent;
  return (
    <FlowPage
      title={mode === 'new' ? t('family.edit.addChildTitle') : t('family.edit.childTitle')}
      qa={mode === 'new' ? 'child-new-page' : 'child-edit-page'}
      fallback={mode === 'edit' ? `/family/children/${id}` : '/family'}
      footer={
        ready ? (
          <Button block color="primary" shape="rounded" size="large" loading={saving} onClick={() => void save()} data-qa="save">
            {t('family.edit.save')}
          </Button>
        ) : null
      }
    >
      {placeholder}
      {family && !canEdit && <LockedNote />}
      {family && canEdit && needsConsent && (
        <ErrorBlock status="default" title={t('requirements.consent')} description={t('errors.CONSENT_REQUIRED')}>
          <Button color="primary" shape="rounded" onClick={() => navigate('/family/documents/consent')}>
            {t('family.action.consent')}
          </Button>
        </ErrorBlock>
      )}
      {family && canEdit && !streets && <Loading />}
      {ready && (
        <Form
          form={form}
          className="bbw-form"
          layout="horizontal"
          style={{ '--prefix-width': '5.2em' }}
          initialValues={
            child
              ? {
                  name: child.name,
                  sex: child.sex,
                  birthDate: child.birthDate,
                  residenceStreetId: child.residenceStreetId,
                  allergies: child.allergies,
                  history: child.history,
                  declaredTruthfully: false,
                }
              : { residenceStreetId: family.streetId, declaredTruthfully: false }
          }
          onValuesChange={(changed: Record<string, unknown>) => onIdNumberChange(form, changed, () => true)}
        >
          <List mode="card" className="form-card">
            <ChildFields
              name={[]}
              absolute={[]}
              streets={streets}
              today={today}
              maxAgeMonths={env?.rules.maxAgeMonths}
              maskedId={child?.idNumberMasked}
              qa="child"
            />
          </List>
        </Form>
      )}
    </FlowPage>
  );
}
