// 政策参数: every parameter with its value in force and its versions; the district admin adds versions that
// take effect from today or later (past rules never change, so last year's reports keep last year's rules).
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { HTMLAttributes } from 'react';
import { ApiError, post } from '../../common/api.ts';
import { formatDateTimeZh, formatDateZh, formatPlainDateZh } from '../../common/i18n.ts';
import { labelOf, policyKeyLabel, t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import type { PolicyParameter, PolicyResponse } from '../hooks/usePolicy.ts';
import { useSession } from '../session.tsx';
import { formPathOf } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';

const label = policyKeyLabel;
const unit = (key: string) => labelOf('policy.units', key) ?? '';
const hint = (key: string) => labelOf('policy.hints', key) ?? '';
const withUnit = (key: string, value: unknown) => {
  const u = unit(key);
  const v = typeof value === 'number' || typeof value === 'string' ? String(value) : JSON.stringify(value);
  return u ? `${v} ${u}` : v;
};
/** Whole-number parameters: those whose every version so far is an integer, except the known decimal ones. */
const DECIMAL_KEYS = new Set([
  'session.maxHours',
  'child.maxCareHoursPerDay',
  'capacity.minAreaPerChildM2',
  'booking.cancelDeadlineHours',
  'waitlist.offerHours',
]);
const isTimeOfDay = (p: PolicyParameter | undefined) => typeof p?.current === 'string' && /^\d{2}:\d{2}$/.test(p.current);

interface AddValues {
  key: string;
  value: number | string | null;
  effectiveFrom: Dayjs | null;
  note?: string;
}

export function PolicyPage() {
  const { can } = useSession();
  const policy = useApi<PolicyResponse>('/api/policy');
  const [adding, setAdding] = useState<string | null | false>(false);
  const canUpdate = can('policy.update');

  return (
    <>
      <PageHeader
        title={t('policy.title')}
        description={t('policy.description')}
        extra={
          canUpdate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(null)} data-qa="policy-add">
              {t('policy.add')}
            </Button>
          )
        }
      />
      {policy.error ? (
        <LoadError error={policy.error} onRetry={policy.reload} />
      ) : (
        <Card variant="borderless">
          {policy.data && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {t('policy.asOf', { date: formatDateZh(policy.data.date) })}
            </Typography.Paragraph>
          )}
          <Table<PolicyParameter>
            rowKey="key"
            loading={policy.loading}
            dataSource={policy.data?.parameters ?? []}
            pagination={false}
            onRow={(p) => ({ 'data-qa': 'policy-row', 'data-key': p.key }) as HTMLAttributes<HTMLElement>}
            expandable={{
              expandedRowRender: (p) => <VersionTable parameter={p} today={policy.data!.date} />,
              rowExpandable: (p) => p.versions.length > 0,
            }}
            columns={[
              {
                title: t('policy.parameter'),
                key: 'label',
                render: (_, p) => (
                  <Flex vertical>
                    <Typography.Text strong>{label(p.key)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {hint(p.key)}
                    </Typography.Text>
                  </Flex>
                ),
              },
              {
                title: t('policy.rule'),
                dataIndex: 'rule',
                width: 240,
                // What the rule says and where it comes from; the rule's id stays in the code.
                render: (r: string) => (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {labelOf('policy.rules', r) ?? ''}
                  </Typography.Text>
                ),
              },
              {
                title: t('policy.current'),
                dataIndex: 'current',
                width: 140,
                align: 'right',
                render: (v: unknown, p) => (
                  <Typography.Text strong style={{ fontSize: 15 }} data-qa="policy-current">
                    {withUnit(p.key, v)}
                  </Typography.Text>
                ),
              },
              {
                title: t('policy.effectiveFrom'),
                key: 'since',
                width: 200,
                render: (_, p) => {
                  const inForce = p.versions.find((v) => v.effectiveFrom <= (policy.data?.date ?? ''));
                  return inForce ? formatPlainDateZh(inForce.effectiveFrom) : t('common.dash');
                },
              },
              {
                title: t('policy.versions'),
                key: 'versions',
                width: 160,
                render: (_, p) => {
                  const upcoming = p.versions.filter((v) => v.effectiveFrom > (policy.data?.date ?? '')).length;
                  return (
                    <Flex gap={6} align="center">
                      <span>{t('policy.versionCount', { n: p.versions.length })}</span>
                      {upcoming > 0 && <Tag color="orange">{t('policy.upcoming')}</Tag>}
                    </Flex>
                  );
                },
              },
              ...(canUpdate
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 110,
                      render: (_: unknown, p: PolicyParameter) => (
                        <Button type="link" size="small" onClick={() => setAdding(p.key)}>
                          {t('policy.add')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {canUpdate && policy.data && (
        <AddVersionModal
          open={adding !== false}
          initialKey={adding || undefined}
          policy={policy.data}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            policy.reload();
          }}
        />
      )}
    </>
  );
}

function VersionTable({ parameter, today }: { parameter: PolicyParameter; today: string }) {
  const inForce = parameter.versions.find((v) => v.effectiveFrom <= today);
  return (
    <Table
      size="small"
      rowKey="effectiveFrom"
      dataSource={parameter.versions}
      pagination={false}
      style={{ margin: '4px 0' }}
      columns={[
        { title: t('policy.effectiveFrom'), dataIndex: 'effectiveFrom', width: 200, render: (d: string) => formatPlainDateZh(d) },
        { title: t('policy.value'), dataIndex: 'value', width: 140, render: (v: unknown) => withUnit(parameter.key, v) },
        {
          title: t('policy.status'),
          key: 'state',
          width: 100,
          render: (_, v) =>
            v.effectiveFrom > today ? (
              <Tag color="orange">{t('policy.upcoming')}</Tag>
            ) : v === inForce ? (
              <Tag color="success">{t('policy.inForce')}</Tag>
            ) : (
              <Tag>{t('policy.superseded')}</Tag>
            ),
        },
        { title: t('policy.note'), dataIndex: 'note', render: (n: string | null) => n ?? t('common.dash') },
        {
          title: t('policy.createdAt'),
          dataIndex: 'createdAt',
          width: 220,
          render: (d: string) => <span className="bbw-muted">{formatDateTimeZh(d)}</span>,
        },
      ]}
    />
  );
}

function AddVersionModal({
  open,
  initialKey,
  policy,
  onClose,
  onSaved,
}: {
  open: boolean;
  initialKey?: string;
  policy: PolicyResponse;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<AddValues>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const key = Form.useWatch('key', form);
  const today = useMemo(() => dayjs(policy.date), [policy.date]);
  const current = policy.parameters.find((p) => p.key === key);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await post('/api/policy', {
        key: v.key,
        value: v.value,
        effectiveFrom: v.effectiveFrom!.format('YYYY-MM-DD'),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
      message.success(t('policy.saved'));
      form.resetFields();
      onSaved();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = err.fieldErrors
        .map((f) => ({ name: formPathOf(f.field), errors: [f.message || err.title] }))
        .filter((f) => ['key', 'value', 'effectiveFrom', 'note'].includes(String(f.name[0])));
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      else message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('policy.addTitle')}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={520}
    >
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        preserve={false}
        initialValues={{ key: initialKey, value: null, effectiveFrom: today }}
        data-qa="policy-form"
      >
        <Form.Item name="key" label={t('policy.key')} rules={[{ required: true, message: t('policy.keyRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={policy.parameters.map((p) => ({ value: p.key, label: label(p.key) }))}
            onChange={() => form.setFieldValue('value', null)}
            data-qa="policy-form-key"
          />
        </Form.Item>
        {current && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={`${t('policy.current')}:${withUnit(current.key, current.current)}`}
            description={hint(current.key)}
          />
        )}
        <Form.Item
          name="value"
          label={t('policy.value')}
          rules={[{ required: true, message: t('policy.valueRequired') }]}
          getValueProps={(v: unknown) => ({ value: isTimeOfDay(current) && typeof v === 'string' ? dayjs(`2000-01-01T${v}`) : v })}
          normalize={(v: unknown) => (dayjs.isDayjs(v) ? v.format('HH:mm') : v)}
        >
          {isTimeOfDay(current) ? (
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: 220 }} needConfirm={false} data-qa="policy-form-value" />
          ) : (
            <InputNumber
              style={{ width: 220 }}
              min={0}
              precision={key && !DECIMAL_KEYS.has(key) ? 0 : undefined}
              suffix={key ? unit(key) : undefined}
              data-qa="policy-form-value"
            />
          )}
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('policy.effectiveFrom')}
          extra={t('policy.effectiveHint', { date: formatPlainDateZh(policy.date) })}
          rules={[{ required: true, message: t('policy.effectiveRequired') }]}
        >
          <DatePicker style={{ width: 220 }} disabledDate={(d) => d.isBefore(today, 'day')} data-qa="policy-form-date" />
        </Form.Item>
        <Form.Item name="note" label={t('policy.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('policy.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
