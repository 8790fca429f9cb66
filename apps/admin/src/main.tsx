import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Lang } from '@chengxin/ui';
import { client, queryClient, TRPCProvider } from './api';
import { App } from './App';
import { LangContext } from './i18n';
import './styles.css';

function Root() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('cx-lang') === 'en' ? 'en' : 'zh'));
  const setLang = (l: Lang) => {
    localStorage.setItem('cx-lang', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    dayjs.locale(l === 'zh' ? 'zh-cn' : 'en');
    setLangState(l);
  };
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <ConfigProvider
        locale={lang === 'zh' ? zhCN : enUS}
        button={{ autoInsertSpace: false }}
        theme={{
          token: {
            colorPrimary: '#b71c1c',
            borderRadius: 4,
            // Secondary and description text at 4.5:1 or better on white (antd's defaults are about 4.0:1 and 3.0:1).
            colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
            colorTextDescription: 'rgba(0, 0, 0, 0.62)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
            // Measured by axe (tools/e2e/src/accessibility.e2e.test.ts): links #1677ff were 4.1:1, placeholders
            // #bfbfbf 1.8:1 and error text #ff4d4f 3.8:1 on white; these are 4.5:1 or better.
            colorLink: '#0958d9',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
            colorError: '#cf1322',
          },
        }}
      >
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <TRPCProvider trpcClient={client} queryClient={queryClient}>
              <App />
            </TRPCProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
