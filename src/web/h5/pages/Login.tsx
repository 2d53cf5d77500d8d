// Sign-in with phone and one-time code (DOMAIN.md §5.1). The first sign-in creates the family's account.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Input, Toast, type InputRef } from 'antd-mobile';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { post, ApiError } from '../../common/api.ts';
import type { Me } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { HouseArt } from '../components/icons.tsx';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;
const DEFAULT_CODE_MINUTES = 5;

function showError(err: unknown) {
  Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL'), position: 'center' });
}

export function LoginPage() {
  const { me, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [resendAt, setResendAt] = useState(0);
  const [codeMinutes, setCodeMinutes] = useState(DEFAULT_CODE_MINUTES);
  const [sentOnce, setSentOnce] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const codeRef = useRef<InputRef>(null);

  const secondsLeft = Math.max(0, Math.ceil((resendAt - now) / 1000));
  useEffect(() => {
    if (secondsLeft <= 0) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [secondsLeft > 0]); // eslint-disable-line react-hooks/exhaustive-deps

  if (me) return <Navigate to={from} replace />;

  const phoneValid = PHONE.test(phone);

  async function sendCode() {
    if (!phoneValid) {
      Toast.show({ content: t('errors.PHONE_INVALID'), position: 'center' });
      return;
    }
    setSending(true);
    try {
      const r = await post<{ expiresInSeconds: number; resendAfterSeconds: number }>('/api/auth/otp/request', { phone });
      setResendAt(Date.now() + r.resendAfterSeconds * 1000);
      setCodeMinutes(Math.max(1, Math.round(r.expiresInSeconds / 60)));
      setNow(Date.now());
      setSentOnce(true);
      Toast.show({ content: t('login.codeSent'), position: 'center' });
      codeRef.current?.focus();
    } catch (err) {
      const retry = err instanceof ApiError ? Number(err.body.retryAfterSeconds) : NaN;
      if (Number.isFinite(retry) && retry > 0 && retry <= 120) {
        setResendAt(Date.now() + retry * 1000);
        setNow(Date.now());
      }
      showError(err);
    } finally {
      setSending(false);
    }
  }

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!phoneValid) {
      Toast.show({ content: t('errors.PHONE_INVALID'), position: 'center' });
      return;
    }
    if (!CODE.test(code)) {
      Toast.show({ content: t('login.codeFormat'), position: 'center' });
      return;
    }
    setSubmitting(true);
    try {
      const m = await post<Me>('/api/auth/otp/verify', { phone, code });
      signedIn(m, phone);
      Toast.show({ content: t('login.signedIn'), icon: 'success' });
      navigate(from, { replace: true });
    } catch (err) {
      setCode('');
      showError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="login-page" data-qa="login-page">
      <div className="login-hero">
        <HouseArt />
        <h1>{t('login.welcome')}</h1>
        <p>{t('login.subtitle')}</p>
      </div>
      <form className="login-form card" onSubmit={submit} noValidate>
        <label className="login-field">
          <span className="login-label">{t('login.phone')}</span>
          <Input
            data-qa="login-phone"
            type="tel"
            inputMode="numeric"
            autoComplete="tel"
            maxLength={11}
            clearable
            placeholder={t('login.phonePlaceholder')}
            value={phone}
            onChange={(v) => setPhone(v.replace(/\D/g, '').slice(0, 11))}
          />
        </label>
        <div className="login-field">
          <label className="login-label" htmlFor="login-code">
            {t('login.code')}
          </label>
          <Input
            id="login-code"
            ref={codeRef}
            data-qa="login-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            placeholder={t('login.codePlaceholder')}
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
            onEnterPress={() => void submit()}
          />
          <Button
            data-qa="login-send-code"
            size="small"
            fill="none"
            color="primary"
            className="login-send"
            loading={sending}
            disabled={sending || secondsLeft > 0}
            onClick={() => void sendCode()}
          >
            {secondsLeft > 0 ? t('login.countdown', { seconds: secondsLeft }) : sentOnce ? t('login.resend') : t('login.sendCode')}
          </Button>
        </div>
        <Button
          data-qa="login-submit"
          type="submit"
          block
          color="primary"
          shape="rounded"
          size="large"
          loading={submitting}
          disabled={!phoneValid || code.length !== 6}
          className="login-submit"
        >
          {t('login.submit')}
        </Button>
        <ul className="login-notes">
          <li>{t('login.noteSms', { minutes: codeMinutes })}</li>
          <li>{t('login.noteAccount')}</li>
        </ul>
      </form>
    </div>
  );
}
