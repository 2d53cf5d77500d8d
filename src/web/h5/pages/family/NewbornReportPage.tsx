// 登记新生儿: the family reports its own baby for the home visit (POST /api/family/newborns). The fields are checked here
// by the register's own rules (src/domain/newbornRegister.ts: the names, the one-year window, the address) and again
// on the server; street, address and guardian start as the family's; the phone is the sign-in phone, shown, not typed.
// Saved, the baby appears in 入户指导 on 家庭, waiting for the street to arrange the visit. The same baby registered
// already (by the street's list, or reported before) is said so, not an error.
import { useState } from 'react';
import { Button, Form, Input, List, TextArea, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { post } from '../../../common/api.ts';
import type { Res } from '../../../common/wire.ts';
import { isRegisterName, newbornBirthDateProblem, SELF_REPORT_MONTHS_BACK } from '../../../../domain/newbornRegister.ts';
import { addMonths } from '../../../../domain/time.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { useStreets } from '../../streets.ts';
import { useFamily } from '../../family/store.ts';
import { toLocalDate } from '../../family/helpers.ts';
import { DateField, SexField, StreetField } from '../../family/fields.tsx';
import { saveForm } from '../../family/save.ts';
import { FlowPage } from '../../components/FlowPage.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { refresh } from '../../booking/store.ts';
import { visitsPath } from '../../visits/HomeVisits.tsx';
import { scrollToFirstError } from './RegisterPage.tsx';

type Answer = Res<'/api/family/newborns', 'post'>;
interface Values {
  childName?: string;
  sex?: 'male' | 'female';
  birthDate?: string;
  streetId?: string;
  address?: string;
  guardianName?: string;
}

const required = (label: string) => ({ required: true, whitespace: true, message: t('family.v.required', { label }) });
const selectRequired = (label: string) => ({ required: true, message: t('family.v.select', { label }) });
const nameRule = {
  validator: async (_: unknown, v: unknown) => {
    if (typeof v === 'string' && v.trim() && !isRegisterName(v)) throw new Error(t('errors.NEWBORN_NAME_INVALID'));
  },
};

export function NewbornReportPage() {
  const navigate = useNavigate();
  const { me } = useSession();
  const { data, error, reload } = useFamily();
  const { streets } = useStreets();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const today = me?.today ?? toLocalDate(new Date());
  const earliest = addMonths(today, -SELF_REPORT_MONTHS_BACK);
  const family = data?.family ?? null;

  async function save() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    const s = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
    await saveForm(form, setSaving, async () => {
      const answer = await post<Answer>('/api/family/newborns', {
        childName: s(v.childName),
        sex: v.sex,
        birthDate: v.birthDate,
        streetId: v.streetId,
        address: s(v.address),
        guardianName: s(v.guardianName),
      });
      await refresh(visitsPath);
      Toast.show({ content: answer.alreadyRegistered ? t('newborn.already') : t('newborn.saved'), icon: 'success' });
      navigate('/family', { replace: true });
    });
  }

  const ready = !!data && !!streets;
  return (
    <FlowPage
      title={t('newborn.title')}
      qa="newborn-report-page"
      footer={
        ready ? (
          <Button block color="primary" shape="rounded" size="large" loading={saving} onClick={() => void save()} data-qa="save">
            {t('newborn.save')}
          </Button>
        ) : null
      }
    >
      {error && <LoadFailed error={error} onRetry={() => void reload()} />}
      {!ready && !error && <Loading />}
      {ready && (
        <>
          <p className="form-lead" data-qa="newborn-why">
            {t('newborn.why')}
          </p>
          <Form
            form={form}
            className="bbw-form"
            layout="horizontal"
            style={{ '--prefix-width': '5.2em' }}
            initialValues={{
              streetId: family?.streetId,
              address: family?.address,
              guardianName: family?.guardianName,
            }}
          >
            <List mode="card" className="form-card" header={t('newborn.babyTitle')}>
              <Form.Item name="childName" label={t('newborn.childName')} rules={[required(t('newborn.childName')), nameRule]}>
                <Input placeholder={t('newborn.childNamePh')} maxLength={20} autoComplete="off" data-qa="newborn-name" />
              </Form.Item>
              <Form.Item name="sex" label={t('newborn.sex')} rules={[selectRequired(t('newborn.sex'))]}>
                <SexField qa="newborn-sex" />
              </Form.Item>
              <Form.Item
                name="birthDate"
                label={t('newborn.birthDate')}
                arrow
                rules={[
                  selectRequired(t('newborn.birthDate')),
                  {
                    validator: async (_: unknown, v: unknown) => {
                      if (typeof v === 'string' && v && newbornBirthDateProblem(v, today, SELF_REPORT_MONTHS_BACK))
                        throw new Error(t('errors.NEWBORN_BIRTH_DATE_OUT_OF_RANGE'));
                    },
                  },
                ]}
              >
                <DateField
                  min={earliest}
                  max={today}
                  placeholder={t('newborn.birthDatePh')}
                  title={t('newborn.birthDate')}
                  qa="newborn-birth"
                />
              </Form.Item>
            </List>
            <List mode="card" className="form-card" header={t('newborn.homeTitle')}>
              <Form.Item name="streetId" label={t('newborn.street')} arrow rules={[selectRequired(t('newborn.street'))]}>
                <StreetField streets={streets} qa="newborn-street" />
              </Form.Item>
              <Form.Item
                name="address"
                label={t('newborn.address')}
                rules={[required(t('newborn.address')), { min: 4, max: 120, message: t('errors.NEWBORN_ADDRESS_INVALID') }]}
              >
                <TextArea
                  placeholder={t('newborn.addressPh')}
                  rows={1}
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  maxLength={120}
                  data-qa="newborn-address"
                />
              </Form.Item>
              <Form.Item name="guardianName" label={t('newborn.guardianName')} rules={[required(t('newborn.guardianName')), nameRule]}>
                <Input placeholder={t('newborn.guardianNamePh')} maxLength={20} data-qa="newborn-guardian" />
              </Form.Item>
              <Form.Item label={t('newborn.phone')} description={t('newborn.phoneNote')}>
                <span className="field-value" data-qa="newborn-phone">
                  {me?.user.phoneMasked ?? ''}
                </span>
              </Form.Item>
            </List>
          </Form>
          <p className="form-lead" data-qa="newborn-privacy">
            {t('newborn.privacy')}
          </p>
        </>
      )}
    </FlowPage>
  );
}
