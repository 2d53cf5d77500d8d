// 安全管理 (security admin): the sign-in rules in force, locked accounts (unlock, force sign-out) and live sessions.
import type { HTMLAttributes } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Statistic, Table, Typography } from 'antd';
import { LogoutOutlined, ReloadOutlined, UnlockOutlined } from '@ant-design/icons';
import { ApiError, post } from '../../common/api.ts';
import { formatDateTimeZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError } from '../components/States.tsx';
import { RoleTag, scopeText } from './UsersPage.tsx';
import type { Res } from '../../common/wire.ts';

type Overview = Res<'/api/security/overview', 'get'>;
type LockedUser = Overview['lockedUsers'][number];

const ROLE_ORDER = [
  'district_admin',
  'street_admin',
  'house_manager',
  'carer',
  'health_staff',
  'volunteer',
  'inspector',
  'system_admin',
  'security_admin',
  'audit_admin',
  'guardian',
];

export function SecurityPage() {
  const { can } = useSession();
  const { message } = App.useApp();
  const overview = useApi<Overview>('/api/security/overview');
  const canManage = can('security.manage');

  async function act(path: string, done: string) {
    try {
      await post(path);
      message.success(done);
      overview.reload();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  if (overview.error) {
    return (
      <>
        <PageHeader title={t('security.title')} description={t('security.description')} />
        <LoadError error={overview.error} onRetry={overview.reload} />
      </>
    );
  }
  const o = overview.data;
  const sessions = [...(o?.liveSessions ?? [])].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const totalSessions = sessions.reduce((n, s) => n + s.count, 0);

  return (
    <>
      <PageHeader
        title={t('security.title')}
        description={t('security.description')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={overview.reload} loading={overview.loading}>
            {t('security.refresh')}
          </Button>
        }
      />
      <Card variant="borderless" title={t('security.rules')} loading={!o} className="bbw-card">
        {o && (
          <Descriptions
            column={3}
            bordered
            size="middle"
            data-qa="security-rules"
            items={[
              { key: 'len', label: t('security.minPasswordLength'), children: t('security.chars', { n: o.rules.minPasswordLength }) },
              {
                key: 'classes',
                label: t('security.passwordClasses'),
                children: t('security.passwordClassesValue', { n: o.rules.passwordClasses }),
              },
              {
                key: 'lock',
                label: t('security.lockout'),
                children: t('security.lockoutValue', { n: o.rules.maxFailedLogins, minutes: o.rules.lockMinutes }),
              },
              { key: 'staff', label: t('security.staffIdle'), children: t('security.minutes', { n: o.rules.staffIdleMinutes }) },
              { key: 'guardian', label: t('security.guardianIdle'), children: t('security.days', { n: o.rules.guardianIdleDays }) },
              { key: 'otp', label: t('security.otpValid'), children: t('security.minutes', { n: o.rules.otpValidMinutes }) },
            ]}
          />
        )}
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={16}>
          <Card variant="borderless" title={t('security.lockedUsers')} style={{ height: '100%' }}>
            <Table<LockedUser>
              rowKey="id"
              size="middle"
              loading={overview.loading}
              dataSource={o?.lockedUsers ?? []}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('security.lockedEmpty')} /> }}
              onRow={(u) => ({ 'data-qa': 'locked-row', 'data-username': u.username ?? '' }) as HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('users.displayName'),
                  key: 'name',
                  width: 150,
                  render: (_, u) => (
                    <Flex vertical>
                      <span>{u.displayName}</span>
                      <span className="bbw-code" style={{ whiteSpace: 'nowrap' }}>
                        {u.username ?? u.phoneMasked}
                      </span>
                    </Flex>
                  ),
                },
                { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: string) => <RoleTag role={r} /> },
                { title: t('users.scope'), key: 'scope', render: (_, u) => scopeText(u) },
                {
                  title: t('security.lockedUntil'),
                  dataIndex: 'lockedUntil',
                  width: 170,
                  render: (d: string | null) => (d ? <Typography.Text type="danger">{formatDateTimeZh(d)}</Typography.Text> : null),
                },
                ...(canManage
                  ? [
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 180,
                        render: (_: unknown, u: LockedUser) => (
                          <Flex gap={0}>
                            <Popconfirm
                              title={t('security.unlockConfirm', { name: u.displayName })}
                              okText={t('security.unlock')}
                              cancelText={t('common.cancel')}
                              onConfirm={() => act(`/api/security/users/${u.id}/unlock`, t('security.unlocked'))}
                            >
                              <Button type="link" size="small" icon={<UnlockOutlined />} data-qa="user-unlock">
                                {t('security.unlock')}
                              </Button>
                            </Popconfirm>
                            <Popconfirm
                              title={t('security.signOutConfirm', { name: u.displayName })}
                              okText={t('security.signOut')}
                              okButtonProps={{ danger: true }}
                              cancelText={t('common.cancel')}
                              onConfirm={() => act(`/api/security/users/${u.id}/sign-out`, t('security.signedOut'))}
                            >
                              <Button type="link" size="small" danger icon={<LogoutOutlined />} data-qa="user-sign-out">
                                {t('security.signOut')}
                              </Button>
                            </Popconfirm>
                          </Flex>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card variant="borderless" title={t('security.sessions')} style={{ height: '100%' }}>
            <Statistic title={t('security.sessionsTotal')} value={totalSessions} style={{ marginBottom: 12 }} />
            <Table
              rowKey="role"
              size="small"
              dataSource={sessions}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('security.sessionsEmpty')} /> }}
              columns={[
                { title: t('users.role'), dataIndex: 'role', render: (r: string) => <RoleTag role={r} /> },
                { title: t('security.sessionCount'), dataIndex: 'count', align: 'right', width: 100 },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
