// The parent H5 (家长端): antd-mobile in Chinese, routed under /h5, inside the city's service app.
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { App } from './App.tsx';
import { SessionProvider } from './session.tsx';
import { locale, t } from './i18n/index.ts';
import './styles.css';

// antd-mobile 5 renders Toast, Dialog… imperatively; React 19 needs it to go through createRoot.
unstableSetRender((node, container) => {
  const c = container as (Element | DocumentFragment) & { __bbwRoot?: Root };
  c.__bbwRoot ??= createRoot(c);
  const root = c.__bbwRoot;
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    delete c.__bbwRoot;
  };
});

document.documentElement.lang = locale;
document.title = t('app.h5Title');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN}>
      <BrowserRouter basename="/h5">
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </ConfigProvider>
  </StrictMode>,
);
