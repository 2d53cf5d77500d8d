// The signed-in shell: the screen above, the tab bar (首页 / 宝宝屋 / 预约 / 指导 / 家庭 / 我的) below, clear of the home indicator.
import { TabBar } from 'antd-mobile';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { t } from '../i18n/index.ts';
import { CalendarIcon, FamilyIcon, GuideIcon, HomeIcon, HouseIcon, UserIcon } from './icons.tsx';

const TABS = [
  { key: '/', title: 'tabs.home', icon: <HomeIcon /> },
  { key: '/houses', title: 'tabs.houses', icon: <HouseIcon /> },
  { key: '/bookings', title: 'tabs.bookings', icon: <CalendarIcon /> },
  { key: '/guidance', title: 'tabs.guidance', icon: <GuideIcon /> },
  { key: '/family', title: 'tabs.family', icon: <FamilyIcon /> },
  { key: '/me', title: 'tabs.me', icon: <UserIcon /> },
];

export function TabLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => tab.key !== '/' && location.pathname.startsWith(tab.key))?.key ?? '/';
  return (
    <div className="tab-layout">
      <main className="tab-body">
        <Outlet />
      </main>
      <nav className="tab-bar" data-qa="tab-bar">
        <TabBar activeKey={active} onChange={(key) => navigate(key)} safeArea>
          {TABS.map((tab) => (
            <TabBar.Item
              key={tab.key}
              icon={<span data-qa={`tab-${tab.key === '/' ? 'home' : tab.key.slice(1)}`}>{tab.icon}</span>}
              title={t(tab.title)}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
