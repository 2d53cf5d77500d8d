// Correcting the guardian's details (PATCH /api/family, only what changed). The ID number is never shown in
// full: it stays as registered unless typed again. Identity changes send an accepted family back to review.
import { useState } from 'react';
import { Button, Dialog, Form, Input, List, TextArea, Toast } from 'antd-mobile';
import { patch } from '../../../common/api.ts';
import type { Family, FamilyEnvelope, GuardianInput } from '../../../common/familyTypes.ts';
import { t } from '../../i18n/index.ts';
import { useStreets } from '../../streets.ts';
import { setFamily } from '../../family/store.ts';
import { editable, idNumberRule, normalizeId } from '../../family/helpers.ts';
import { onIdNumberChange, StreetField } from '../../family/fields.tsx';
import { LockedNote, useLoadedFamily } from '../../family/useFamilyPage.tsx';
import { saveForm } from '../../family/save.ts';
import { FlowPage } from '../../components/FlowPage.tsx';
import { useGoBack } from '../../components/PageHeader.tsx';
import { Loading } from '../../components/LoadState.tsx';
import { scrollToFirstError } from './RegisterPage.tsx';

export async function confirmRecheck(family: Family, identityChanged: boolean, text: string): Promise<boolean> {
  if (!identityChanged || family.status !== 'accepted') return true;
  return Dialog.confirm({
    title: t('family.edit.recheckTitle'),
    content: text,
    confirmText: t('family.edit.confirm'),
    cancelText: t('common.cancel'),
  });
}

export function GuardianEditPage() {
  const { family, placeholder } = useLoadedFamily();
  const { streets } = useStreets();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const goBack = useGoBack('/family');

  async function save() {
    if (!family) return;
    let v: Partial<GuardianInput>;
    try {
      v = await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    const body: Partial<GuardianInput> = {};
    if (v.realName?.trim() && v.realName.trim() !== family.guardianName) body.realName = v.realName.trim();
    if (v.idNumber?.trim()) body.idNumber = v.idNumber.trim();
    if (v.streetId && v.streetId !== family.streetId) body.streetId = v.streetId;
    if (v.address?.trim() && v.address.trim() !== family.address) body.address = v.address.trim();
    if (!Object.keys(body).length) {
      Toast.show({ content: t('family.edit.nothing') });
      return;
    }
    const identity = body.realName !== undefined || body.idNumber !== undefined || body.streetId !== undefined;
    if (!(await confirmRecheck(family, identity, t('family.edit.recheckGuardian')))) return;
    await saveForm(form, setSaving, async () => {
      setFamily(await patch<FamilyEnvelope>('/api/family', body));
      Toast.show({ content: t('family.edit.saved'), icon: 'success' });
      goBack();
    });
  }

  const canEdit = editable(family);
  return (
    <FlowPage
      title={t('family.edit.guardianTitle')}
      qa="guardian-edit-page"
      footer={
        canEdit && streets ? (
          <Button block color="primary" shape="rounded" size="large" loading={saving} onClick={() => void save()} data-qa="save">
            {t('family.edit.save')}
          </Button>
        ) : null
      }
    >
      {placeholder}
      {family && !canEdit && <LockedNote />}
      {family && canEdit && !streets && <Loading />}
      {family && canEdit && streets && (
        <Form
          form={form}
          className="bbw-form"
          layout="horizontal"
          style={{ '--prefix-width': '5.2em' }}
          initialValues={{ realName: family.guardianName, streetId: family.streetId, address: family.address }}
          onValuesChange={(changed: Record<string, unknown>) => onIdNumberChange(form, changed, () => false)}
        >
          <List mode="card" className="form-card">
            <Form.Item
              name="realName"
              label={t('family.field.realName')}
              rules={[{ required: true, whitespace: true, message: t('family.v.required', { label: t('family.field.realName') }) }]}
            >
              <Input placeholder={t('family.field.realNamePh')} maxLength={30} data-qa="guardian-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('family.field.idNumber')}
              normalize={normalizeId}
              validateTrigger="onBlur"
              rules={[idNumberRule(true)]}
            >
              <Input
                placeholder={t('family.field.idKeepPh', { masked: family.guardianIdNumberMasked })}
                maxLength={18}
                autoComplete="off"
                data-qa="guardian-id"
              />
            </Form.Item>
            <Form.Item
              name="streetId"
              label={t('family.field.street')}
              arrow
              rules={[{ required: true, message: t('family.v.select', { label: t('family.field.street') }) }]}
            >
              <StreetField streets={streets} qa="guardian-street" />
            </Form.Item>
            <Form.Item
              name="address"
              label={t('family.field.address')}
              rules={[{ required: true, whitespace: true, min: 4, message: t('family.v.address') }]}
            >
              <TextArea
                placeholder={t('family.field.addressPh')}
                rows={1}
                autoSize={{ minRows: 1, maxRows: 3 }}
                maxLength={100}
                data-qa="guardian-address"
              />
            </Form.Item>
          </List>
        </Form>
      )}
    </FlowPage>
  );
}
