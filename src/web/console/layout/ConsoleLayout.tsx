// The frame around every page: a header with the platform's name and the user, a side menu of what the
// user's role may do (from me.actions), and the content.
import { useState, type ReactNode } from 'react';
import { Avatar, Dropdown, Flex, Layout, Menu, Typography } from 'antd';
import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  PlayCircleOutlined,
  ReadOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DownOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  GlobalOutlined,
  FundOutlined,
  HeartOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SmileOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { t, switchLocale } from '../i18n/index.ts';
import { DISTRICT_WIDE_ROLES, HOUSE_ROLES, useSession, type Session } from '../session.tsx';
import { ChangePasswordModal } from '../components/ChangePasswordModal.tsx';
import { Logo } from '../components/Logo.tsx';

export interface MenuEntry {
  key: string;
  path: string;
  label: string;
  icon: ReactNode;
}

/** The menu of a session: only what the role may do. */
export function menuOf({ me, can }: Pick<Session, 'me' | 'can'>): MenuEntry[] {
  const entries: MenuEntry[] = [];
  // A street admin starts from the street's targets and what needs doing.
  if (can('targets.read') && me.user.role === 'street_admin' && me.user.streetId)
    entries.push({ key: 'home', path: '/home', label: t('nav.home'), icon: <DashboardOutlined /> });
  const schedule: MenuEntry = { key: 'schedule', path: '/schedule', label: t('nav.schedule'), icon: <CalendarOutlined /> };
  const houseStaff = HOUSE_ROLES.includes(me.user.role);
  // Carers start the day with the children in front of them; the manager with the schedule.
  const attendance: MenuEntry = { key: 'attendance', path: '/attendance', label: t('nav.attendance'), icon: <CheckSquareOutlined /> };
  if (can('attendance.read') && me.user.role !== 'house_manager') entries.push(attendance);
  // House staff work in their sessions first: the schedule is their home page.
  if (can('session.read') && houseStaff) entries.push(schedule);
  if (can('attendance.read') && me.user.role === 'house_manager') entries.push(attendance);
  // The system admin may read houses only to assign house staff to one: accounts are its work, not houses.
  if (can('house.read') && me.user.role !== 'system_admin')
    entries.push({ key: 'houses', path: '/houses', label: t('nav.houses'), icon: <HomeOutlined /> });
  if (can('targets.read')) entries.push({ key: 'targets', path: '/targets', label: t('nav.targets'), icon: <FundOutlined /> });
  if (can('registration.read'))
    entries.push({ key: 'registrations', path: '/registrations', label: t('nav.registrations'), icon: <SolutionOutlined /> });
  if (can('population.read')) entries.push({ key: 'population', path: '/population', label: t('nav.population'), icon: <TeamOutlined /> });
  if (can('newborn.read')) entries.push({ key: 'newborns', path: '/newborns', label: t('nav.newborns'), icon: <SmileOutlined /> });
  if (can('session.read') && !houseStaff) entries.push(schedule);
  if (can('staff.read')) entries.push({ key: 'staff', path: '/staff', label: t('nav.staff'), icon: <IdcardOutlined /> });
  if (can('incident.read') || can('dailyLog.read'))
    entries.push({ key: 'incidents', path: '/incidents', label: t('nav.incidents'), icon: <AlertOutlined /> });
  if (can('compliance.read'))
    entries.push({ key: 'compliance', path: '/compliance', label: t('nav.compliance'), icon: <SafetyOutlined /> });
  if (can('guidance.read')) {
    entries.push({ key: 'guidance', path: '/guidance', label: t('nav.guidance'), icon: <ReadOutlined /> });
    entries.push({ key: 'courses', path: '/courses', label: t('nav.courses'), icon: <PlayCircleOutlined /> });
  }
  // A home visitor's caseload, after her guidance events (a 指导师's home page stays 育儿指导).
  if (can('visit.caseload')) entries.push({ key: 'visits', path: '/visits', label: t('nav.visits'), icon: <HeartOutlined /> });
  // The district keeps the providers; the system admin reads them only to open 指导师 accounts, a 指导师 sees its own in 育儿指导.
  if (can('provider.manage')) entries.push({ key: 'providers', path: '/providers', label: t('nav.providers'), icon: <BankOutlined /> });
  if (can('street.list') && DISTRICT_WIDE_ROLES.includes(me.user.role))
    entries.push({ key: 'streets', path: '/streets', label: t('nav.streets'), icon: <ApartmentOutlined /> });
  if (can('policy.read')) entries.push({ key: 'policy', path: '/policy', label: t('nav.policy'), icon: <FileProtectOutlined /> });
  if (can('document.manage')) entries.push({ key: 'documents', path: '/documents', label: t('nav.documents'), icon: <FileTextOutlined /> });
  if (can('user.list')) entries.push({ key: 'users', path: '/users', label: t('nav.users'), icon: <TeamOutlined /> });
  if (can('security.read'))
    entries.push({ key: 'security', path: '/security', label: t('nav.security'), icon: <SafetyCertificateOutlined /> });
  if (can('audit.read')) entries.push({ key: 'audit', path: '/audit', label: t('nav.audit'), icon: <AuditOutlined /> });
  return entries;
}

export function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { me, signOut } = session;
  const navigate = useNavigate();
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const menu = menuOf(session);
  const selected = menu.find((m) => location.pathname === m.path || location.pathname.startsWith(`${m.path}/`))?.key;
  const roleLabel = t(`roles.${me.user.role}`);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="bbw-header">
        <Flex align="center" gap={12} style={{ cursor: 'pointer' }} onClick={() => navigate('/')}>
          <Logo size={32} />
          <div className="bbw-header-title">
            <div className="bbw-header-name">{t('brand.title')}</div>
            <div className="bbw-header-sub">{t('brand.subtitle')}</div>
          </div>
        </Flex>
        <Flex align="center" gap={16}>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: <span data-qa="menu-change-password">{t('header.changePassword')}</span> },
                { key: 'language', icon: <GlobalOutlined />, label: t('header.language') },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-qa="menu-logout">{t('header.logout')}</span> },
              ],
              onClick: ({ key }) => {
                if (key === 'password') setPasswordOpen(true);
                if (key === 'language') switchLocale();
                if (key === 'logout') void signOut();
              },
            }}
          >
            <Flex align="center" gap={10} className="bbw-user" data-qa="user-menu">
              <Avatar size={30} icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.18)' }} />
              <div className="bbw-user-text">
                <div className="bbw-user-name" data-qa="user-name">
                  {me.user.displayName}
                </div>
                <div className="bbw-user-role" data-qa="user-role">
                  {roleLabel}
                  {me.user.department ? ` · ${t(`departments.${me.user.department}`)}` : ''}
                </div>
              </div>
              <DownOutlined style={{ fontSize: 10, opacity: 0.8 }} />
            </Flex>
          </Dropdown>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          className="bbw-sider"
          breakpoint="xl"
          onBreakpoint={(narrow) => setCollapsed(narrow)}
        >
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menu.map((m) => ({ key: m.key, icon: m.icon, label: <span data-qa={`nav-${m.key}`}>{m.label}</span> }))}
            onClick={({ key }) => navigate(menu.find((m) => m.key === key)!.path)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content className="bbw-content">
          {children}
          <Typography.Paragraph type="secondary" className="bbw-footer">
            {t('brand.footer')}
          </Typography.Paragraph>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
