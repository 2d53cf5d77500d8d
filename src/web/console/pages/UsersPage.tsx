// 账号管理 (system admin): list accounts, open staff accounts with their scope (street, house or department),
// disable/enable them and reset passwords. The three security accounts are not managed here.
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { KeyOutlined, LockOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { ApiError, patch, post, qs } from '../../common/api.ts';
import { formatDateTimeZh } from '../../common/i18n.ts';
import type { House, Street } from '../../common/types.ts';
import { isStrongPassword } from '../../../domain/password.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import type { Item, Res } from '../../common/wire.ts';
import { HOUSE_ROLES, SECURITY_ROLES, useSession } from '../session.tsx';
import { formPathOf } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { generatePassword } from '../components/passwords.ts';

/** A user as the 三员 console lists them (the wire type of GET /api/users). */
export type UserRow = Item<Res<'/api/users', 'get'>>;
type Provider = Item<Res<'/api/guidance/providers', 'get'>>;

const ALL_ROLES = [
  'street_admin',
  'house_manager',
  'carer',
  'health_staff',
  'volunteer',
  'district_admin',
  'inspector',
  'guidance_provider',
  'system_admin',
  'security_admin',
  'audit_admin',
  'guardian',
];
const STAFF_ROLES = [
  'carer',
  'health_staff',
  'house_manager',
  'street_admin',
  'district_admin',
  'inspector',
  'volunteer',
  'guidance_provider',
];
const DEPARTMENTS = ['education', 'health', 'police', 'fire', 'market'];

const ROLE_COLORS: Record<string, string> = {
  district_admin: 'geekblue',
  street_admin: 'blue',
  house_manager: 'cyan',
  carer: 'green',
  health_staff: 'lime',
  volunteer: 'gold',
  inspector: 'purple',
  guidance_provider: 'orange',
  system_admin: 'magenta',
  security_admin: 'magenta',
  audit_admin: 'magenta',
  guardian: 'default',
};

export function RoleTag({ role }: { role: string | null }) {
  if (!role) return null;
  return <Tag color={ROLE_COLORS[role] ?? 'default'}>{t(`roles.${role}`)}</Tag>;
}

/** Where an account works: its street, house, department — or the district, the system. */
export function scopeText(
  u: Pick<UserRow, 'role' | 'streetName' | 'houseName' | 'department'> & { providerName?: string | null },
): ReactNode {
  const place = u.houseName ?? u.providerName;
  if (place) {
    return (
      <Flex vertical>
        <span>{place}</span>
        {u.streetName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.streetName}
          </Typography.Text>
        )}
      </Flex>
    );
  }
  if (u.role === 'street_admin' && u.streetName) return u.streetName;
  if (u.department) return t(`departments.${u.department}`);
  if (u.role === 'district_admin') return t('users.scopeDistrict');
  if (SECURITY_ROLES.includes(u.role)) return t('users.scopeSystem');
  if (u.role === 'guardian') return t('users.scopeFamily');
  return t('common.dash');
}

export function UsersPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const role = params.get('role') ?? undefined;
  const q = params.get('q') ?? undefined;
  const users = useApi<UserRow[]>(`/api/users${qs({ role, q })}`);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const canManage = can('user.manage');

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  async function setStatus(u: UserRow, status: UserRow['status']) {
    try {
      await patch(`/api/users/${u.id}`, { status });
      message.success(status === 'disabled' ? t('users.disabledOk') : t('users.enabledOk'));
      users.reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  const list = users.data ?? [];
  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-qa="user-create">
              {t('users.create')}
            </Button>
          )
        }
      />
      {users.error ? (
        <LoadError error={users.error} onRetry={users.reload} />
      ) : (
        <Card variant="borderless">
          <Flex gap={12} wrap className="bbw-toolbar" align="center">
            <Select
              style={{ width: 180 }}
              allowClear
              placeholder={t('users.filterRole')}
              aria-label={t('users.filterRole')}
              value={role}
              onChange={(v?: string) => setFilter('role', v)}
              data-qa="user-filter-role"
              options={ALL_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
            <Input.Search
              style={{ width: 260 }}
              allowClear
              placeholder={t('users.searchPlaceholder')}
              aria-label={t('users.searchPlaceholder')}
              defaultValue={q}
              onSearch={(v) => setFilter('q', v.trim() || undefined)}
              enterButton={t('common.search')}
              data-qa="user-search"
            />
            <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
              {t('users.total', { n: list.length })}
            </Typography.Text>
          </Flex>
          <Table<UserRow>
            rowKey="id"
            loading={users.loading}
            dataSource={list}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            onRow={(u) => ({ 'data-qa': 'user-row', 'data-username': u.username ?? '' }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('users.username'),
                key: 'username',
                width: 150,
                render: (_, u) =>
                  u.username ? (
                    <span className="bbw-code" style={{ fontSize: 13, color: 'inherit' }}>
                      {u.username}
                    </span>
                  ) : (
                    <Typography.Text type="secondary">{u.phoneMasked ?? t('common.dash')}</Typography.Text>
                  ),
              },
              { title: t('users.displayName'), dataIndex: 'displayName', width: 160 },
              { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: string) => <RoleTag role={r} /> },
              { title: t('users.scope'), key: 'scope', width: 220, render: (_, u) => scopeText(u) },
              {
                title: t('users.status'),
                key: 'status',
                width: 150,
                render: (_, u) => (
                  <Flex vertical gap={2}>
                    {u.status === 'active' ? (
                      <Badge status="success" text={t('users.active')} />
                    ) : (
                      <Badge status="default" text={t('users.disabled')} />
                    )}
                    {u.lockedUntil && (
                      <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        <LockOutlined /> {t('users.lockedUntil', { time: formatDateTimeZh(u.lockedUntil) })}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('users.lastLogin'),
                dataIndex: 'lastLoginAt',
                width: 200,
                render: (d: string | null) =>
                  d ? (
                    <span style={{ whiteSpace: 'nowrap' }}>{formatDateTimeZh(d)}</span>
                  ) : (
                    <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
                  ),
              },
              ...(canManage
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 180,
                      fixed: 'right' as const,
                      render: (_: unknown, u: UserRow) => {
                        if (SECURITY_ROLES.includes(u.role)) {
                          return (
                            <Tooltip title={t('users.protected')}>
                              <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>
                            </Tooltip>
                          );
                        }
                        return (
                          <Space size={0}>
                            {u.status === 'active' ? (
                              <Popconfirm
                                title={t('users.disableConfirm', { name: u.displayName })}
                                okText={t('users.disable')}
                                okButtonProps={{ danger: true }}
                                cancelText={t('common.cancel')}
                                onConfirm={() => setStatus(u, 'disabled')}
                              >
                                <Button type="link" size="small" danger icon={<StopOutlined />} data-qa="user-disable">
                                  {t('users.disable')}
                                </Button>
                              </Popconfirm>
                            ) : (
                              <Popconfirm
                                title={t('users.enableConfirm', { name: u.displayName })}
                                okText={t('users.enable')}
                                cancelText={t('common.cancel')}
                                onConfirm={() => setStatus(u, 'active')}
                              >
                                <Button type="link" size="small" icon={<CheckCircleOutlined />} data-qa="user-enable">
                                  {t('users.enable')}
                                </Button>
                              </Popconfirm>
                            )}
                            {u.role !== 'guardian' && (
                              <Button
                                type="link"
                                size="small"
                                icon={<KeyOutlined />}
                                onClick={() => setResetting(u)}
                                data-qa="user-reset-password"
                              >
                                {t('users.resetPassword')}
                              </Button>
                            )}
                          </Space>
                        );
                      },
                    },
                  ]
                : []),
            ]}
            scroll={{ x: 1190 }}
          />
        </Card>
      )}
      {canManage && (
        <>
          <CreateUserDrawer
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={() => {
              setCreating(false);
              users.reload();
            }}
          />
          <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
        </>
      )}
    </>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  role: string;
  password: string;
  streetId?: string;
  houseId?: string;
  providerId?: string;
  department?: string;
  phone?: string;
}

function PasswordWithGenerator({ value, onChange, qa }: { value?: string; onChange?: (v: string) => void; qa: string }) {
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password value={value} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" data-qa={qa} />
      <Button icon={<ThunderboltOutlined />} onClick={() => onChange?.(generatePassword())}>
        {t('users.generate')}
      </Button>
    </Space.Compact>
  );
}

const passwordRules = [
  { required: true, message: t('users.passwordRequired') },
  {
    validator: (_: unknown, v: string) =>
      !v || isStrongPassword(v) ? Promise.resolve() : Promise.reject(new Error(t('errors.PASSWORD_WEAK'))),
  },
];

function CreateUserDrawer({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const role = Form.useWatch('role', form);
  const needsStreet = role === 'street_admin';
  const needsHouse = !!role && HOUSE_ROLES.includes(role);
  const needsDepartment = role === 'inspector';
  const needsProvider = role === 'guidance_provider';
  const providers = useApi<Provider[]>(open && needsProvider ? '/api/guidance/providers' : null);
  const streets = useApi<Street[]>(open && needsStreet ? '/api/streets' : null);
  const houses = useApi<House[]>(open && needsHouse ? '/api/houses' : null);

  const houseOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const h of houses.data ?? []) {
      if (!groups.has(h.streetId)) groups.set(h.streetId, { label: h.streetName, options: [] });
      groups.get(h.streetId)!.options.push({ value: h.id, label: `${h.name}${h.status === 'suspended' ? t('users.suspendedHouse') : ''}` });
    }
    return [...groups.values()];
  }, [houses.data]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await post('/api/users', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        password: v.password,
        ...(needsStreet ? { streetId: v.streetId } : {}),
        ...(needsHouse ? { houseId: v.houseId } : {}),
        ...(needsProvider ? { providerId: v.providerId } : {}),
        ...(needsDepartment ? { department: v.department } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      });
      message.success(t('users.created'));
      form.resetFields();
      onCreated();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = err.fieldErrors
        .map((f) => ({ name: formPathOf(f.field), errors: [f.message || err.title] }))
        .filter((f) =>
          ['username', 'displayName', 'role', 'password', 'streetId', 'houseId', 'providerId', 'department', 'phone'].includes(
            String(f.name[0]),
          ),
        );
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      open={open}
      title={t('users.createTitle')}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-qa="user-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" preserve={false} data-qa="user-form">
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select
            options={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            data-qa="user-form-role"
            onChange={() => form.setFieldsValue({ streetId: undefined, houseId: undefined, providerId: undefined, department: undefined })}
          />
        </Form.Item>
        {needsStreet && (
          <Form.Item name="streetId" label={t('users.street')} rules={[{ required: true, message: t('users.streetRequired') }]}>
            <Select
              loading={streets.loading}
              options={(streets.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              data-qa="user-form-street"
            />
          </Form.Item>
        )}
        {needsHouse && (
          <Form.Item name="houseId" label={t('users.house')} rules={[{ required: true, message: t('users.houseRequired') }]}>
            <Select loading={houses.loading} showSearch={{ optionFilterProp: 'label' }} options={houseOptions} data-qa="user-form-house" />
          </Form.Item>
        )}
        {needsProvider && (
          <Form.Item name="providerId" label={t('users.provider')} rules={[{ required: true, message: t('users.providerRequired') }]}>
            <Select
              loading={providers.loading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(providers.data ?? [])
                .filter((p) => p.status === 'active')
                .map((p) => ({ value: p.id, label: `${p.name}（${p.streetName}）` }))}
              data-qa="user-form-provider"
            />
          </Form.Item>
        )}
        {providers.error && <Alert type="error" showIcon title={providers.error.title} style={{ marginBottom: 16 }} />}
        {houses.error && <Alert type="error" showIcon title={houses.error.title} style={{ marginBottom: 16 }} />}
        {needsDepartment && (
          <Form.Item name="department" label={t('users.department')} rules={[{ required: true, message: t('users.departmentRequired') }]}>
            <Select options={DEPARTMENTS.map((d) => ({ value: d, label: t(`departments.${d}`) }))} data-qa="user-form-department" />
          </Form.Item>
        )}
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHint')}
          rules={[
            { required: true, message: t('users.usernameRequired') },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('users.usernameInvalid') },
          ]}
        >
          <Input maxLength={32} autoComplete="off" data-qa="user-form-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={40} data-qa="user-form-display-name" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordRule')} rules={passwordRules}>
          <PasswordWithGenerator qa="user-form-password" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={t('users.phoneHint')}
          rules={[{ pattern: /^1[3-9]\d{9}$/, message: t('users.phoneInvalid') }]}
        >
          <Input maxLength={11} data-qa="user-form-phone" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await post(`/api/users/${user!.id}/password`, { password: v.password });
      message.success(t('users.resetOk'));
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'PASSWORD_WEAK') form.setFields([{ name: 'password', errors: [err.title] }]);
        else message.error(err.title);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: user.displayName }) : ''}
      onOk={submit}
      onCancel={onClose}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={480}
    >
      <Alert type="warning" showIcon title={t('users.resetHint')} style={{ margin: '12px 0 16px' }} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={t('users.newPassword')} extra={t('users.passwordRule')} rules={passwordRules}>
          <PasswordWithGenerator qa="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
