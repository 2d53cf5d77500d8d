// 登记审核: one family's registration as the street reviews it — the guardian, consent and agreement, each child's
// declared data and health-check certificate, pickup persons and emergency contacts, what each child still lacks —
// and the decision: accept, or return with a reason the guardian is sent. ID numbers are masked; showing one in
// full asks for a reason and is audited, as is every opening of this page.
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Modal, Row, Table, Tag, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  CheckCircleFilled,
  CheckOutlined,
  EyeOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { ApiError, post } from '../../common/api.ts';
import { formatDateTimeZh, formatPlainDateZh } from '../../common/i18n.ts';
import type { Certificate, CurrentDocuments, Family, FamilyChild, FamilyPerson, Requirement } from '../../common/familyTypes.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useRules } from '../hooks/usePolicy.ts';
import { useSession } from '../session.tsx';
import { addDaysTo, ageText } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { CertificatePreview } from '../components/CertificatePreview.tsx';
import { FamilyStatusTag } from './RegistrationsPage.tsx';

/** Requirements that only say where the registration stands; accepting it settles them. */
const PROCESS_ONLY: Requirement[] = ['notSubmitted', 'underReview', 'returned'];

const RETURN_REASONS = ['returnPresets.certificate', 'returnPresets.contacts', 'returnPresets.street'];

/** A masked ID number with "显示完整证件号" for those who may: a reason first, then the number (audited). */
function IdNumber({ familyId, target, masked, who }: { familyId: string; target: string; masked: string; who: string }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  async function unmask() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const res = await post<{ value: string }>(`/api/registrations/${familyId}/unmask`, { target, reason: v.reason.trim() });
      setValue(res.value);
      setOpen(false);
      form.resetFields();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const reasonError = err.fieldErrors.find((f) => f.field.endsWith('reason'));
      if (reasonError) form.setFields([{ name: 'reason', errors: [reasonError.message || err.title] }]);
      else message.error(err.title);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex align="center" gap={8} wrap data-qa="id-number" data-target={target}>
      <span className="bbw-id" data-qa="id-number-value">
        {value ?? masked}
      </span>
      {value ? (
        <Tooltip title={t('registration.unmaskedTip')}>
          <Tag color="orange" icon={<AuditOutlined />} style={{ marginInlineEnd: 0 }}>
            {t('registration.unmaskedTag')}
          </Tag>
        </Tooltip>
      ) : (
        can('child.unmask') && (
          <Button type="link" size="small" icon={<EyeOutlined />} style={{ padding: 0 }} onClick={() => setOpen(true)} data-qa="id-unmask">
            {t('registration.unmask')}
          </Button>
        )
      )}
      <Modal
        open={open}
        title={t('registration.unmaskTitle', { who })}
        onOk={unmask}
        onCancel={() => setOpen(false)}
        confirmLoading={busy}
        okText={t('registration.unmaskOk')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        width={480}
      >
        <Alert type="warning" showIcon title={t('registration.unmaskHint')} style={{ margin: '12px 0 16px' }} />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('registration.unmaskReason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('registration.unmaskReasonRequired') }]}
          >
            <Input.TextArea
              rows={2}
              maxLength={200}
              showCount
              placeholder={t('registration.unmaskReasonPlaceholder')}
              data-qa="unmask-reason"
              autoFocus
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

function Versioned({
  version,
  at,
  current,
  missingText,
}: {
  version: number | null;
  at: string | null;
  current?: number;
  missingText: string;
}) {
  if (version == null || !at)
    return (
      <Typography.Text type="danger">
        <WarningFilled /> {missingText}
      </Typography.Text>
    );
  const outdated = current !== undefined && version < current;
  return (
    <Flex vertical gap={2}>
      <Flex align="center" gap={6}>
        <span>{t('registration.versionN', { n: version })}</span>
        {outdated ? (
          <Tag color="warning" style={{ marginInlineEnd: 0 }}>
            {t('registration.outdated', { n: current })}
          </Tag>
        ) : (
          current !== undefined && (
            <Tag color="success" style={{ marginInlineEnd: 0 }}>
              {t('registration.latest')}
            </Tag>
          )
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTimeZh(at)}
      </Typography.Text>
    </Flex>
  );
}

function Eligibility({ child }: { child: FamilyChild }) {
  const e = child.eligibility;
  if (e.bookable) return <Alert type="success" showIcon title={t('registration.bookable')} data-qa="child-eligibility" />;
  const substantive = e.missing.filter((m) => !PROCESS_ONLY.includes(m));
  const process = e.missing.filter((m) => PROCESS_ONLY.includes(m));
  if (!substantive.length) {
    return (
      <Alert
        type="info"
        showIcon
        data-qa="child-eligibility"
        title={process.includes('underReview') ? t('registration.onlyReviewMissing') : process.map((m) => t(`requirements.${m}`)).join(';')}
      />
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-qa="child-eligibility"
      title={t('registration.missingTitle')}
      description={
        <ul className="bbw-missing">
          {substantive.map((m) => (
            <li key={m} data-qa="child-missing">
              {t(`requirements.${m}`)}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function CertificateBlock({
  familyId,
  child,
  certificateValidityDays,
}: {
  familyId: string;
  child: FamilyChild;
  certificateValidityDays?: number;
}) {
  const [shown, setShown] = useState(0);
  if (!child.certificates.length) {
    return (
      <div className="bbw-cert-frame" style={{ height: 200 }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registration.noCertificate')} />
      </div>
    );
  }
  const cert: Certificate = child.certificates[shown] ?? child.certificates[0];
  const validUntil =
    shown === 0
      ? child.eligibility.certificateValidUntil
      : certificateValidityDays !== undefined
        ? addDaysTo(cert.examDate, certificateValidityDays)
        : null;
  const expired = validUntil !== null && validUntil < child.eligibility.date;
  return (
    <Flex vertical gap={10} data-qa="certificate">
      <CertificatePreview src={`/api/registrations/${familyId}/files/${cert.fileId}`} />
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 84 } }}
        items={[
          {
            key: 'exam',
            label: t('registration.examDate'),
            children: <span data-qa="certificate-exam">{formatPlainDateZh(cert.examDate)}</span>,
          },
          { key: 'inst', label: t('registration.institution'), children: cert.institution },
          {
            key: 'valid',
            label: t('registration.validUntil'),
            children: validUntil ? (
              <Typography.Text type={expired ? 'danger' : undefined} data-qa="certificate-valid-until">
                {formatPlainDateZh(validUntil)}
                {expired ? ` (${t('registration.expired')})` : ''}
              </Typography.Text>
            ) : (
              t('common.dash')
            ),
          },
          {
            key: 'uploaded',
            label: t('registration.uploadedAt'),
            children: <span className="bbw-muted">{formatDateTimeZh(cert.uploadedAt)}</span>,
          },
        ]}
      />
      {child.certificates.length > 1 && (
        <Flex gap={6} wrap align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('registration.otherCertificates')}
          </Typography.Text>
          {child.certificates.map((c, i) => (
            <Tag.CheckableTag key={c.id} checked={i === shown} onChange={() => setShown(i)}>
              {formatPlainDateZh(c.examDate)}
            </Tag.CheckableTag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function ChildCard({ family, child, certificateValidityDays }: { family: Family; child: FamilyChild; certificateValidityDays?: number }) {
  const none = <Typography.Text type="secondary">{t('registration.noneDeclared')}</Typography.Text>;
  return (
    <Card
      variant="borderless"
      className="bbw-card"
      data-qa="child-card"
      data-child={child.name}
      title={
        <Flex align="center" gap={10}>
          <span>{child.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 13 }}>
            {t(`sex.${child.sex}`)} · {ageText(child.eligibility.ageMonths)}
          </Typography.Text>
        </Flex>
      }
    >
      <Row gutter={24}>
        <Col xs={24} xl={14}>
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 120 } }}
            items={[
              { key: 'name', label: t('registration.childName'), children: child.name },
              { key: 'sex', label: t('registration.sex'), children: t(`sex.${child.sex}`) },
              {
                key: 'birth',
                label: t('registration.birthDate'),
                children: `${formatPlainDateZh(child.birthDate)}(${ageText(child.eligibility.ageMonths)})`,
              },
              {
                key: 'id',
                label: t('registration.idNumber'),
                children: <IdNumber familyId={family.id} target={child.id} masked={child.idNumberMasked} who={child.name} />,
              },
              { key: 'street', label: t('registration.residenceStreet'), children: child.residenceStreetName },
              { key: 'allergies', label: t('registration.allergies'), children: child.allergies || none },
              { key: 'history', label: t('registration.history'), children: child.history || none },
            ]}
          />
          <div style={{ marginTop: 16 }}>
            <Eligibility child={child} />
          </div>
        </Col>
        <Col xs={24} xl={10}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
            <SafetyCertificateOutlined /> {t('registration.certificate')}
          </Typography.Text>
          <CertificateBlock familyId={family.id} child={child} certificateValidityDays={certificateValidityDays} />
        </Col>
      </Row>
    </Card>
  );
}

function PeopleTable({ people, empty, qa }: { people: FamilyPerson[]; empty: string; qa: string }) {
  return (
    <Table<FamilyPerson>
      size="small"
      rowKey="id"
      dataSource={people}
      pagination={false}
      locale={{ emptyText: empty }}
      onRow={() => ({ 'data-qa': qa }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('registration.personName'), dataIndex: 'name' },
        { title: t('registration.relation'), dataIndex: 'relation', width: 100 },
        {
          title: t('registration.phone'),
          dataIndex: 'phoneMasked',
          width: 140,
          render: (p: string) => <span className="bbw-id">{p}</span>,
        },
      ]}
    />
  );
}

export function RegistrationReviewPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const family = useApi<Family>(`/api/registrations/${id}`);
  const documents = useApi<CurrentDocuments>('/api/documents/current');
  const rules = useRules();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [returnForm] = Form.useForm<{ reason: string }>();

  const crumbs = [{ title: t('registrations.title'), to: '/registrations' }];
  if (family.error) {
    return (
      <>
        <PageHeader title={t('registrations.title')} crumbs={crumbs} />
        <LoadError error={family.error} onRetry={family.reload} />
      </>
    );
  }
  if (!family.data) return <Loading />;
  const f = family.data;
  const pending = f.status === 'submitted' && can('registration.decide');
  const currentConsent = documents.data?.consent.version;
  const currentAgreement = documents.data?.agreement.version;
  const childrenMissing = f.children.filter((c) => c.eligibility.missing.some((m) => !PROCESS_ONLY.includes(m)));

  function decided(text: string) {
    message.success(text);
    navigate('/registrations', { replace: false });
  }

  function accept() {
    modal.confirm({
      title: t('registration.acceptTitle', { name: f.guardianName }),
      content: (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <span>{t('registration.acceptHint')}</span>
          {childrenMissing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('registration.acceptStillMissing', { names: childrenMissing.map((c) => c.name).join('、') })}
            />
          )}
        </Flex>
      ),
      okText: t('registration.acceptOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-qa': 'accept-confirm' } as Record<string, string>,
      onOk: async () => {
        try {
          await post<Family>(`/api/registrations/${f.id}/accept`);
          decided(t('registration.accepted', { name: f.guardianName }));
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          message.error(err.title);
          family.reload();
        }
      },
    });
  }

  async function sendBack() {
    const v = await returnForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await post<Family>(`/api/registrations/${f.id}/return`, { reason: v.reason.trim() });
      setReturning(false);
      decided(t('registration.returned', { name: f.guardianName }));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const reasonError = err.fieldErrors.find((x) => x.field.endsWith('reason'));
      if (reasonError) returnForm.setFields([{ name: 'reason', errors: [reasonError.message || err.title] }]);
      else {
        message.error(err.title);
        setReturning(false);
        family.reload();
      }
    } finally {
      setBusy(false);
    }
  }

  const dash = <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>;
  const section = (title: ReactNode, children: ReactNode, extra?: ReactNode) => (
    <Card variant="borderless" className="bbw-card" title={title} extra={extra}>
      {children}
    </Card>
  );

  return (
    <div className={pending ? 'bbw-with-footer' : undefined}>
      <PageHeader
        crumbs={[...crumbs, { title: f.guardianName }]}
        title={t('registration.title', { name: f.guardianName })}
        tags={<FamilyStatusTag status={f.status} />}
        description={`${f.streetName} · ${f.submittedAt ? t('registration.submittedOn', { time: formatDateTimeZh(f.submittedAt) }) : t('registrations.notSubmitted')}`}
      />
      <Alert
        type="info"
        showIcon
        icon={<AuditOutlined />}
        style={{ marginBottom: 16 }}
        data-qa="audit-notice"
        title={t('registration.auditNotice')}
      />
      {f.status === 'returned' && f.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="return-reason"
          title={t('registration.returnedBanner', { time: f.reviewedAt ? formatDateTimeZh(f.reviewedAt) : '' })}
          description={t('registration.returnReasonLabel', { reason: f.returnReason })}
        />
      )}
      {f.status === 'accepted' && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          icon={<CheckCircleFilled />}
          title={t('registration.acceptedBanner', { time: f.reviewedAt ? formatDateTimeZh(f.reviewedAt) : '' })}
        />
      )}

      {section(
        t('registration.sectionGuardian'),
        <Descriptions
          column={2}
          bordered
          size="middle"
          styles={{ label: { width: 180 } }}
          data-qa="guardian"
          items={[
            { key: 'name', label: t('registration.guardianName'), children: f.guardianName },
            { key: 'phone', label: t('registration.phone'), children: <span className="bbw-id">{f.guardianPhoneMasked}</span> },
            {
              key: 'id',
              label: t('registration.idNumber'),
              children: <IdNumber familyId={f.id} target="guardian" masked={f.guardianIdNumberMasked} who={f.guardianName} />,
            },
            { key: 'street', label: t('registration.street'), children: f.streetName },
            { key: 'address', label: t('registration.address'), children: f.address, span: 2 },
            {
              key: 'consent',
              label: t('registration.consent'),
              children: (
                <Versioned
                  version={f.consentVersion}
                  at={f.consentAt}
                  current={currentConsent}
                  missingText={t('registration.notConsented')}
                />
              ),
            },
            {
              key: 'agreement',
              label: t('registration.agreement'),
              children: (
                <Versioned
                  version={f.agreementVersion}
                  at={f.agreementSignedAt}
                  current={currentAgreement}
                  missingText={t('registration.notSigned')}
                />
              ),
            },
            { key: 'submitted', label: t('registrations.submittedAt'), children: f.submittedAt ? formatDateTimeZh(f.submittedAt) : dash },
            { key: 'reviewed', label: t('registrations.reviewedAt'), children: f.reviewedAt ? formatDateTimeZh(f.reviewedAt) : dash },
          ]}
        />,
      )}

      <Typography.Title level={5} style={{ margin: '20px 0 0' }}>
        {t('registration.sectionChildren', { n: f.children.length })}
      </Typography.Title>
      <div style={{ marginTop: 12 }}>
        {f.children.map((c) => (
          <ChildCard key={c.id} family={f} child={c} certificateValidityDays={rules?.certificateValidityDays} />
        ))}
      </div>

      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card variant="borderless" title={t('registration.pickupPersons')} style={{ height: '100%' }}>
            <PeopleTable people={f.pickupPersons} empty={t('registration.noPickup')} qa="pickup-row" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card variant="borderless" title={t('registration.emergencyContacts')} style={{ height: '100%' }}>
            <PeopleTable people={f.emergencyContacts} empty={t('registration.noEmergency')} qa="emergency-row" />
          </Card>
        </Col>
      </Row>

      {pending && (
        <div className="bbw-form-footer" data-qa="review-actions">
          <Typography.Text type="secondary" style={{ marginInlineEnd: 'auto' }}>
            {t('registration.decideHint')}
          </Typography.Text>
          <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-qa="registration-return">
            {t('registration.return')}
          </Button>
          <Button type="primary" icon={<CheckOutlined />} onClick={accept} data-qa="registration-accept">
            {t('registration.accept')}
          </Button>
        </div>
      )}

      <Modal
        open={returning}
        title={t('registration.returnTitle', { name: f.guardianName })}
        onOk={sendBack}
        confirmLoading={busy}
        onCancel={() => setReturning(false)}
        okText={t('registration.returnOk')}
        okButtonProps={{ danger: true, ...({ 'data-qa': 'return-confirm' } as object) }}
        cancelText={t('common.cancel')}
        destroyOnHidden
        width={560}
      >
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0' }}>
          {t('registration.returnHint')}
        </Typography.Paragraph>
        <Form form={returnForm} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('registration.returnReason')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('registration.returnReasonRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={200}
              showCount
              placeholder={t('registration.returnReasonPlaceholder')}
              data-qa="return-reason-input"
              autoFocus
            />
          </Form.Item>
          <Flex gap={6} wrap align="center" style={{ marginTop: -8 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('registration.returnPresetsLabel')}
            </Typography.Text>
            {RETURN_REASONS.map((k) => (
              <Tag key={k} style={{ cursor: 'pointer' }} onClick={() => returnForm.setFieldValue('reason', t(`registration.${k}`))}>
                {t(`registration.${k}`)}
              </Tag>
            ))}
          </Flex>
        </Form>
      </Modal>
    </div>
  );
}
