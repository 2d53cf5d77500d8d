// 工作人员登录: username + password; the server's Chinese message on failure (wrong password, locked until …).
import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined, SafetyOutlined } from '@ant-design/icons';
import { ApiError, post } from '../../common/api.ts';
import type { Me } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { Logo } from '../components/Logo.tsx';

export interface LoginNotice {
  type: 'warning' | 'success' | 'info';
  text: string;
}

export function LoginPage({ notice, onSignedIn }: { notice?: LoginNotice; onSignedIn: (me: Me) => void }) {
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const { message } = App.useApp();
  const points = [0, 1, 2].map((i) => t(`brand.loginPoints.${i}`));

  async function submit(values: { username: string; password: string }) {
    setSubmitting(true);
    setError(undefined);
    try {
      const me = await post<Me>('/api/auth/login', { username: values.username.trim(), password: values.password });
      message.success(t('login.welcome', { name: me.user.displayName }));
      onSignedIn(me);
    } catch (err) {
      setError(err instanceof ApiError ? err.title : t('errors.INTERNAL'));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="bbw-login">
      <div className="bbw-login-brand">
        <Flex align="center" gap={12}>
          <Logo size={40} />
          <span style={{ fontSize: 20, fontWeight: 600, letterSpacing: 1 }}>{t('brand.title')}</span>
        </Flex>
        <div style={{ position: 'relative', zIndex: 1 }}>
          <h1>{t('brand.loginHeadline')}</h1>
          <p>{t('brand.loginSlogan')}</p>
          <ul className="bbw-login-points">
            {points.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
        <div className="bbw-login-foot">{t('brand.footer')}</div>
      </div>
      <div className="bbw-login-panel">
        <div className="bbw-login-card">
          <h2>{t('login.title')}</h2>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
            {t('login.subtitle')}
          </Typography.Paragraph>
          {notice && !error && (
            <Alert type={notice.type} showIcon title={notice.text} style={{ marginBottom: 20 }} data-qa="login-notice" />
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} data-qa="login-error" />}
          <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={submit} autoComplete="on">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                prefix={<UserOutlined className="bbw-muted" />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                data-qa="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password
                prefix={<LockOutlined className="bbw-muted" />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
                data-qa="login-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 16 }}>
              <Button type="primary" htmlType="submit" block loading={submitting} data-qa="login-submit">
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            <SafetyOutlined /> {t('login.securityNote')}
          </Typography.Paragraph>
        </div>
      </div>
    </div>
  );
}
