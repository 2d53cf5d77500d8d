// 指导机构: the providers of parenting guidance besides the 宝宝屋 (区早教中心, 幼儿园早教点, 社区卫生服务中心),
// kept by the district; their 指导师 accounts are opened by the system admin on the accounts page.
import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { post, put } from '../../common/api.ts';
import type { Street } from '../../common/types.ts';
import type { Item, Res } from '../../common/wire.ts';
import { locale, t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { openingHoursGroups } from '../../../shared/format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { showFormError } from '../components/formErrors.ts';
import {
  DEFAULT_HOURS,
  hourRowsOf,
  hourRowsValid,
  OpeningHoursEditor,
  openingHoursOf,
  type HourRow,
} from '../components/OpeningHoursEditor.tsx';

type Provider = Item<Res<'/api/guidance/providers', 'get'>>;
const KINDS = ['early_education_centre', 'kindergarten_point', 'health_centre'] as const;
const KIND_COLORS: Record<string, string> = { early_education_centre: 'geekblue', kindergarten_point: 'cyan', health_centre: 'green' };

export function ProvidersPage() {
  const { can } = useSession();
  const canManage = can('provider.manage');
  const providers = useApi<Provider[]>('/api/guidance/providers');
  const [editing, setEditing] = useState<{ open: boolean; provider: Provider | null }>({ open: false, provider: null });

  return (
    <>
      <PageHeader
        title={t('guidance.providers.title')}
        description={t('guidance.providers.description')}
        extra={
          canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ open: true, provider: null })}
              data-qa="provider-add"
            >
              {t('guidance.providers.add')}
            </Button>
          )
        }
      />
      {providers.error ? (
        <LoadError error={providers.error} onRetry={providers.reload} />
      ) : (
        <Card variant="borderless">
          <Table<Provider>
            rowKey="id"
            loading={providers.loading}
            dataSource={providers.data ?? []}
            pagination={false}
            locale={{ emptyText: t('guidance.providers.empty') }}
            onRow={() => ({ 'data-qa': 'provider-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('guidance.providers.name'),
                key: 'name',
                render: (_, p) => (
                  <Typography.Text strong type={p.status === 'disabled' ? 'secondary' : undefined}>
                    {p.name}
                  </Typography.Text>
                ),
              },
              {
                title: t('guidance.providers.kind'),
                key: 'kind',
                width: 150,
                render: (_, p) => <Tag color={KIND_COLORS[p.kind]}>{t(`guidance.providers.kinds.${p.kind}`)}</Tag>,
              },
              { title: t('guidance.providers.street'), dataIndex: 'streetName', key: 'street', width: 120 },
              { title: t('guidance.providers.address'), dataIndex: 'address', key: 'address' },
              { title: t('guidance.providers.phone'), key: 'phone', width: 130, render: (_, p) => p.phone ?? t('common.dash') },
              {
                title: t('house.openingHours'),
                key: 'hours',
                width: 220,
                render: (_, p) => {
                  const groups = openingHoursGroups(p.openingHours, locale);
                  if (!groups.length) return t('common.dash');
                  // One group to a line: 周一至周五 08:30–17:00 / 周六 09:00–12:00.
                  return (
                    <Flex vertical data-qa="provider-hours">
                      {groups.map((g) => (
                        <span key={g} style={{ whiteSpace: 'nowrap' }}>
                          {g}
                        </span>
                      ))}
                    </Flex>
                  );
                },
              },
              {
                title: t('guidance.providers.staffCount'),
                key: 'staff',
                width: 110,
                render: (_, p) => t('guidance.providers.staffCountText', { n: p.staffCount }),
              },
              {
                title: t('guidance.providers.status'),
                key: 'status',
                width: 80,
                render: (_, p) => (
                  <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`guidance.providers.statuses.${p.status}`)}</Tag>
                ),
              },
              ...(canManage
                ? [
                    {
                      title: t('guidance.actions'),
                      key: 'actions',
                      width: 80,
                      render: (_: unknown, p: Provider) => (
                        <Button type="link" size="small" onClick={() => setEditing({ open: true, provider: p })} data-qa="provider-edit">
                          {t('guidance.edit')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {canManage && (
        <ProviderModal
          open={editing.open}
          provider={editing.provider}
          onClose={() => setEditing({ open: false, provider: null })}
          onSaved={() => {
            setEditing({ open: false, provider: null });
            providers.reload();
          }}
        />
      )}
    </>
  );
}

interface Values {
  name: string;
  kind: string;
  streetId: string;
  address: string;
  phone?: string;
  hours: HourRow[];
  status: 'active' | 'disabled';
}

function ProviderModal(props: { open: boolean; provider: Provider | null; onClose: () => void; onSaved: () => void }) {
  const { open, provider } = props;
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const streets = useApi<Street[]>(open ? '/api/streets' : null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (provider)
      form.setFieldsValue({
        name: provider.name,
        kind: provider.kind,
        streetId: provider.streetId,
        address: provider.address,
        phone: provider.phone ?? undefined,
        hours: hourRowsOf(provider.openingHours),
        status: provider.status,
      });
    else form.setFieldsValue({ hours: hourRowsOf(DEFAULT_HOURS) });
  }, [open, provider, form]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      streetId: v.streetId,
      address: v.address.trim(),
      phone: v.phone?.trim() || null,
      openingHours: openingHoursOf(v.hours),
      status: v.status,
    };
    try {
      if (provider) await put(`/api/guidance/providers/${provider.id}`, body);
      else await post('/api/guidance/providers', body);
      message.success(t('guidance.providers.saved'));
      props.onSaved();
    } catch (err) {
      showFormError(form, err, ['name', 'kind', 'streetId', 'address', 'phone', 'hours', 'status'], (text) => message.error(text), {
        openingHours: ['hours'],
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={provider ? t('guidance.providers.editTitle') : t('guidance.providers.createTitle')}
      onCancel={props.onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-qa': 'provider-save' }}
      width={560}
      forceRender
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'active' }} data-qa="provider-form">
        <Form.Item
          name="name"
          label={t('guidance.providers.name')}
          rules={[{ required: true, whitespace: true, message: t('guidance.providers.nameRequired') }]}
        >
          <Input maxLength={60} data-qa="provider-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('guidance.providers.kind')}
          rules={[{ required: true, message: t('guidance.providers.kindRequired') }]}
        >
          <Select options={KINDS.map((k) => ({ value: k, label: t(`guidance.providers.kinds.${k}`) }))} data-qa="provider-kind" />
        </Form.Item>
        <Form.Item
          name="streetId"
          label={t('guidance.providers.street')}
          rules={[{ required: true, message: t('guidance.providers.streetRequired') }]}
        >
          <Select
            loading={streets.loading}
            options={(streets.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-qa="provider-street"
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('guidance.providers.address')}
          rules={[{ required: true, whitespace: true, message: t('guidance.providers.addressRequired') }]}
        >
          <Input maxLength={120} data-qa="provider-address" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('guidance.providers.phone')}
          rules={[{ pattern: /^[0-9-]{7,20}$/, message: t('guidance.providers.phoneInvalid') }]}
        >
          <Input maxLength={20} data-qa="provider-phone" />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('house.openingHours')}
          rules={[
            {
              validator: (_, v: HourRow[]) =>
                hourRowsValid(v) ? Promise.resolve() : Promise.reject(new Error(t('houseForm.hoursInvalid'))),
            },
          ]}
        >
          <OpeningHoursEditor />
        </Form.Item>
        {provider && (
          <Form.Item name="status" label={t('guidance.providers.status')}>
            <Radio.Group optionType="button">
              <Radio.Button value="active">{t('guidance.providers.statuses.active')}</Radio.Button>
              <Radio.Button value="disabled">{t('guidance.providers.statuses.disabled')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
