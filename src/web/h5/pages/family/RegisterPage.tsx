// First registration (DOMAIN.md §5.1, §6): the children's-data rules are read and accepted BEFORE anything is
// typed, then the guardian, the children and the pickup persons / emergency contacts — all sent in ONE request,
// so nothing is half-saved. Server errors land on their field, on the step the field is on.
import { useEffect, useRef, useState } from 'react';
import { Button, Dialog, Form, Input, List, Steps, TextArea, Toast } from 'antd-mobile';
import { Navigate, useNavigate } from 'react-router';
import { post, ApiError } from '../../../common/api.ts';
import type { FamilyEnvelope, RegistrationInput } from '../../../common/familyTypes.ts';
import { formatPlainDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useSession } from '../../session.tsx';
import { useStreets } from '../../streets.ts';
import { setFamily, useDocuments, useFamily } from '../../family/store.ts';
import { fieldPath, idNumberRule, normalizeId, toLocalDate } from '../../family/helpers.ts';
import { ChildFields, onIdNumberChange, PersonFields, StreetField } from '../../family/fields.tsx';
import { FlowPage } from '../../components/FlowPage.tsx';
import { useGoBack } from '../../components/PageHeader.tsx';
import { LoadFailed, Loading } from '../../components/LoadState.tsx';
import { PlusIcon } from '../../components/icons.tsx';

type Row = Record<string, unknown> | undefined;
interface Values {
  guardian?: { realName?: string; idNumber?: string; streetId?: string; address?: string };
  children?: Row[];
  pickupPersons?: Row[];
  emergencyContacts?: Row[];
}
type FieldData = { name: (string | number)[]; errors: string[] };

const STEP_OF: Record<string, number> = { consentVersion: 0, guardian: 1, children: 2, pickupPersons: 3, emergencyContacts: 3 };
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const isBlankPerson = (p: Row) => !p || (!str(p.name) && !str(p.relation) && !str(p.phone));

/** Scrolls the first field with an error into view. */
export function scrollToFirstError() {
  window.setTimeout(() => {
    document
      .querySelector('.adm-form-item-feedback-error')
      ?.closest('.adm-list-item')
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, 60);
}

export function RegisterPage() {
  const { me, phone, refresh } = useSession();
  const navigate = useNavigate();
  const goBack = useGoBack('/family');
  const { data } = useFamily();
  const { docs, error: docsError, reload: reloadDocs } = useDocuments();
  const { streets, error: streetsError, reload: reloadStreets } = useStreets();
  const [form] = Form.useForm();
  const [step, setStep] = useState(0);
  const [consentVersion, setConsentVersion] = useState<number | null>(null);
  const [pending, setPending] = useState<FieldData[] | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const today = me?.today ?? toLocalDate(new Date());

  useEffect(() => {
    scrollRef.current?.scrollTo(0, 0);
  }, [step]);

  useEffect(() => {
    if (!pending) return;
    form.setFields(pending);
    setPending(null);
    scrollToFirstError();
  }, [pending, form]);

  if (data?.family) return <Navigate to="/family" replace />;

  const touched = () => form.isFieldsTouched();
  async function leave() {
    if (step > 0 && touched()) {
      const ok = await Dialog.confirm({
        title: t('family.register.leaveTitle'),
        content: t('family.register.leaveBody'),
        confirmText: t('family.register.leave'),
        cancelText: t('family.register.stay'),
      });
      if (!ok) return;
    }
    goBack();
  }

  async function disagree() {
    const ok = await Dialog.confirm({
      title: t('family.register.disagreeTitle'),
      content: t('family.register.disagreeBody'),
      confirmText: t('family.register.disagreeConfirm'),
      cancelText: t('family.register.keepReading'),
    });
    if (ok) navigate('/family', { replace: true });
  }

  function agree() {
    if (!docs) return;
    setConsentVersion(docs.consent.version);
    setStep(1);
  }

  async function validateStep(): Promise<boolean> {
    try {
      await form.validateFields();
      return true;
    } catch {
      scrollToFirstError();
      return false;
    }
  }

  async function next() {
    if (step === 3) {
      // Rows left completely empty are simply not sent.
      let stripped = false;
      for (const list of ['pickupPersons', 'emergencyContacts']) {
        const rows = (form.getFieldValue(list) as Row[] | undefined) ?? [];
        const kept = rows.filter((p) => !isBlankPerson(p));
        if (kept.length !== rows.length) {
          form.setFieldValue(list, kept);
          stripped = true;
        }
      }
      if (stripped) await new Promise((r) => window.setTimeout(r, 30));
    }
    if (!(await validateStep())) return;
    if (step === 1) {
      // The children live where the guardian lives, unless changed.
      const streetId = form.getFieldValue(['guardian', 'streetId']) as string;
      const kids = (form.getFieldValue('children') as Row[] | undefined) ?? [{}];
      form.setFieldValue(
        'children',
        kids.map((k) => ({ ...k, residenceStreetId: (k?.residenceStreetId as string | undefined) ?? streetId })),
      );
    }
    if (step === 3) return submit();
    setStep(step + 1);
  }

  async function submit() {
    const v = form.getFieldsValue(true) as Values;
    const pickups = (v.pickupPersons ?? []).filter((p) => !isBlankPerson(p));
    const contacts = (v.emergencyContacts ?? []).filter((p) => !isBlankPerson(p));
    if (pickups.length === 0) {
      const later = await Dialog.confirm({
        title: t('family.register.noPeopleTitle'),
        content: t('family.register.noPeopleBody'),
        confirmText: t('family.register.later'),
        cancelText: t('family.register.fillNow'),
      });
      if (!later) return;
    }
    const person = (p: Row) => ({ name: str(p?.name), relation: str(p?.relation), phone: str(p?.phone) });
    const body: RegistrationInput = {
      consentVersion: consentVersion!,
      guardian: {
        realName: str(v.guardian?.realName),
        idNumber: str(v.guardian?.idNumber),
        streetId: str(v.guardian?.streetId),
        address: str(v.guardian?.address),
      },
      children: (v.children ?? []).map((c) => ({
        name: str(c?.name),
        sex: c?.sex === 'female' ? 'female' : 'male',
        birthDate: str(c?.birthDate),
        idNumber: str(c?.idNumber),
        residenceStreetId: str(c?.residenceStreetId),
        allergies: str(c?.allergies),
        history: str(c?.history),
        declaredTruthfully: true,
      })),
      pickupPersons: pickups.map(person),
      emergencyContacts: contacts.map(person),
    };
    setSubmitting(true);
    try {
      const env = await post<FamilyEnvelope>('/api/family', body);
      navigate('/family', { replace: true });
      setFamily(env);
      void refresh();
      Toast.show({ content: t('family.register.saved'), icon: 'success' });
    } catch (err) {
      handleError(err, body.children.length);
    } finally {
      setSubmitting(false);
    }
  }

  function handleError(err: unknown, childCount: number) {
    if (!(err instanceof ApiError)) {
      Toast.show({ content: t('errors.INTERNAL') });
      return;
    }
    Toast.show({ content: err.title, position: 'center' });
    if (err.code === 'CONSENT_VERSION_OUTDATED') {
      void reloadDocs();
      setConsentVersion(null);
      setStep(0);
      return;
    }
    if (err.code === 'FAMILY_EXISTS') {
      navigate('/family', { replace: true });
      return;
    }
    const fields: FieldData[] = err.fieldErrors.map((fe) => {
      let name = fieldPath(fe.field);
      if (name.length === 1 && name[0] === 'children' && childCount === 1) name = ['children', 0, 'idNumber'];
      return { name, errors: [fe.message || t(`errors.${fe.code}`)] };
    });
    const steps = fields.map((f) => STEP_OF[String(f.name[0])]).filter((s) => s !== undefined);
    if (!steps.length) return;
    const target = Math.min(...steps);
    setStep(target);
    setPending(fields.filter((f) => STEP_OF[String(f.name[0])] === target && f.name.length > 1));
  }

  function addMe() {
    const list = ((form.getFieldValue('pickupPersons') as Row[] | undefined) ?? []).filter((p) => !isBlankPerson(p));
    form.setFieldValue('pickupPersons', [
      { name: str(form.getFieldValue(['guardian', 'realName'])), relation: t('family.field.self'), phone: phone ?? '' },
      ...list,
    ]);
  }

  const loadError = docsError ?? streetsError;
  const ready = docs && streets;

  const footer = !ready ? null : step === 0 ? (
    <div className="footer-buttons">
      <Button shape="rounded" size="large" className="grow-1" onClick={() => void disagree()} data-qa="consent-disagree">
        {t('family.register.disagree')}
      </Button>
      <Button shape="rounded" size="large" color="primary" className="grow-2" onClick={agree} data-qa="consent-agree">
        {t('family.register.agree')}
      </Button>
    </div>
  ) : (
    <div className="footer-buttons">
      <Button shape="rounded" size="large" className="grow-1" onClick={() => setStep(step - 1)} disabled={submitting} data-qa="wizard-prev">
        {t('family.register.prev')}
      </Button>
      <Button
        shape="rounded"
        size="large"
        color="primary"
        className="grow-2"
        loading={submitting}
        onClick={() => void next()}
        data-qa={step === 3 ? 'wizard-submit' : 'wizard-next'}
      >
        {step === 3 ? t('family.register.submit') : t('family.register.next')}
      </Button>
    </div>
  );

  return (
    <FlowPage title={t('family.register.title')} qa="register-page" onBack={() => void leave()} footer={footer} ref={scrollRef}>
      <div className="wizard-steps" data-qa="wizard-steps" data-step={step}>
        <Steps current={step}>
          {(['consent', 'guardian', 'children', 'people'] as const).map((k) => (
            <Steps.Step key={k} title={t(`family.register.steps.${k}`)} />
          ))}
        </Steps>
      </div>
      {loadError && (
        <LoadFailed
          error={loadError}
          onRetry={() => {
            void reloadDocs();
            void reloadStreets();
          }}
        />
      )}
      {!ready && !loadError && <Loading />}

      {ready && step === 0 && (
        <section className="card doc-card" data-qa="consent-doc">
          <p className="doc-lead">{t('family.register.consentLead')}</p>
          <h2 className="doc-title" data-qa="consent-title">
            {docs.consent.title}
          </h2>
          <div className="doc-meta">
            {t('family.register.version', { version: docs.consent.version, date: formatPlainDateZh(docs.consent.effectiveFrom) })}
          </div>
          <div className="doc-body" data-qa="consent-body">
            {docs.consent.body}
          </div>
        </section>
      )}

      {ready && (
        <Form
          form={form}
          className="bbw-form"
          layout="horizontal"
          style={{ '--prefix-width': '5.2em' }}
          initialValues={{ children: [{}], pickupPersons: [{}], emergencyContacts: [{}] }}
          onValuesChange={(changed: Record<string, unknown>) => onIdNumberChange(form, changed, (p) => p[0] === 'children')}
        >
          <div className={step === 0 ? 'hidden' : undefined}>
            {step === 1 && (
              <div data-qa="step-guardian">
                <p className="form-lead">{t('family.register.guardianLead')}</p>
                <List mode="card" className="form-card">
                  <Form.Item
                    name={['guardian', 'realName']}
                    label={t('family.field.realName')}
                    rules={[{ required: true, whitespace: true, message: t('family.v.required', { label: t('family.field.realName') }) }]}
                  >
                    <Input placeholder={t('family.field.realNamePh')} maxLength={30} data-qa="guardian-name" />
                  </Form.Item>
                  <Form.Item
                    name={['guardian', 'idNumber']}
                    label={t('family.field.idNumber')}
                    required
                    normalize={normalizeId}
                    validateTrigger="onBlur"
                    rules={[idNumberRule()]}
                  >
                    <Input placeholder={t('family.field.idNumberPh')} maxLength={18} autoComplete="off" data-qa="guardian-id" />
                  </Form.Item>
                  <Form.Item
                    name={['guardian', 'streetId']}
                    label={t('family.field.street')}
                    arrow
                    rules={[{ required: true, message: t('family.v.select', { label: t('family.field.street') }) }]}
                  >
                    <StreetField streets={streets} qa="guardian-street" />
                  </Form.Item>
                  <Form.Item
                    name={['guardian', 'address']}
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
              </div>
            )}

            {step === 2 && (
              <div data-qa="step-children">
                <p className="form-lead">{t('family.register.childrenLead')}</p>
                <Form.Array
                  name="children"
                  renderHeader={({ index }, { remove }) => (
                    <div className="array-head">
                      <span>{t('family.register.childN', { n: index + 1 })}</span>
                      {index > 0 && (
                        <a className="array-remove" onClick={() => remove(index)}>
                          {t('family.register.remove')}
                        </a>
                      )}
                    </div>
                  )}
                  onAdd={({ add }) => add({ residenceStreetId: form.getFieldValue(['guardian', 'streetId']) })}
                  renderAdd={() => (
                    <span className="array-add" data-qa="add-child">
                      <PlusIcon /> {t('family.register.addAnother')}
                    </span>
                  )}
                >
                  {(fields) =>
                    fields.map(({ index, key }) => (
                      <ChildFields
                        key={key}
                        name={[index]}
                        absolute={['children', index]}
                        streets={streets}
                        today={today}
                        maxAgeMonths={data?.rules.maxAgeMonths}
                        qa={`child-${index}`}
                      />
                    ))
                  }
                </Form.Array>
              </div>
            )}

            {step === 3 && (
              <div data-qa="step-people">
                <div className="form-section-head">
                  <h3>{t('family.pickupTitle')}</h3>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      ((form.getFieldValue('pickupPersons') as Row[] | undefined) ?? []).some(
                        (p) => str(p?.relation) === t('family.field.self'),
                      ) ? null : (
                        <button type="button" className="text-button" onClick={addMe} data-qa="add-me">
                          <PlusIcon /> {t('family.register.addMe')}
                        </button>
                      )
                    }
                  </Form.Item>
                </div>
                <p className="form-lead tight">{t('family.register.peopleLead')}</p>
                <Form.Array
                  name="pickupPersons"
                  renderHeader={({ index }, { remove }) => (
                    <div className="array-head">
                      <span>{t('family.register.pickupN', { n: index + 1 })}</span>
                      <a className="array-remove" onClick={() => remove(index)}>
                        {t('family.register.remove')}
                      </a>
                    </div>
                  )}
                  renderAdd={() => (
                    <span className="array-add" data-qa="add-pickup">
                      <PlusIcon /> {t('family.register.addPickup')}
                    </span>
                  )}
                >
                  {(fields) => fields.map(({ index, key }) => <PersonFields key={key} name={[index]} qa={`pickup-${index}`} />)}
                </Form.Array>
                <div className="form-section-head">
                  <h3>{t('family.emergencyTitle')}</h3>
                </div>
                <p className="form-lead tight">{t('family.register.emergencyLead')}</p>
                <Form.Array
                  name="emergencyContacts"
                  renderHeader={({ index }, { remove }) => (
                    <div className="array-head">
                      <span>{t('family.register.emergencyN', { n: index + 1 })}</span>
                      <a className="array-remove" onClick={() => remove(index)}>
                        {t('family.register.remove')}
                      </a>
                    </div>
                  )}
                  renderAdd={() => (
                    <span className="array-add" data-qa="add-emergency">
                      <PlusIcon /> {t('family.register.addEmergency')}
                    </span>
                  )}
                >
                  {(fields) => fields.map(({ index, key }) => <PersonFields key={key} name={[index]} qa={`emergency-${index}`} />)}
                </Form.Array>
              </div>
            )}
          </div>
        </Form>
      )}
    </FlowPage>
  );
}
