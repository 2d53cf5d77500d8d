// 宝宝屋管理平台 — the staff console (antd, zh_CN), served under /console/.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { locale, t } from './i18n/index.ts';
import { ConsoleApp } from './App.tsx';
import './console.css';

dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
document.title = t('brand.title');
document.documentElement.lang = locale;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={locale === 'en' ? antdEnUS : antdZhCN}
      theme={{
        token: {
          colorPrimary: '#1f5fd1',
          colorInfo: '#1f5fd1',
          borderRadius: 6,
          // Secondary and hint text at AA contrast (4.5:1) on white and on the page's grey (antd's defaults are 3.4:1).
          colorTextDescription: 'rgba(0, 0, 0, 0.64)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
          colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
          // Status colours dark enough for text on their own light tints (tags).
          colorSuccess: '#237804',
          colorWarning: '#ad6800',
          colorError: '#c41d1d',
          // …on the light tints antd would derive from the brighter defaults (from the darker ones they turn grey).
          colorSuccessBg: '#f0f9eb',
          colorSuccessBorder: '#b7eb8f',
          colorWarningBg: '#fff7e6',
          colorWarningBorder: '#ffd591',
          colorErrorBg: '#fff1f0',
          colorErrorBorder: '#ffa39e',
          // Under browser automation (the e2e tests), no opening animations: a click never lands on a moving menu.
          motion: !navigator.webdriver,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { headerBg: '#10357a', siderBg: '#ffffff', bodyBg: '#f3f5f9', headerHeight: 56, headerPadding: '0 24px' },
          Menu: { itemHeight: 44, itemMarginInline: 8, itemBorderRadius: 6 },
          Table: { headerBg: '#f7f8fa' },
        },
      }}
    >
      <AntApp>
        <BrowserRouter basename="/console">
          <ConsoleApp />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
