// 我的: who is signed in (masked phone, name), the way to the family's bookings and registration, the text messages
// the guardian gets (消息通知), what the service is, and signing out.
import { useState } from 'react';
import { Button, Dialog, List, Popup, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { maskPhone } from '../../common/i18n.ts';
import { ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ServiceCard } from '../components/ServiceCard.tsx';
import { NoticeSettings } from '../components/NoticeSettings.tsx';
import { UserIcon } from '../components/icons.tsx';
import { useFamily } from '../family/store.ts';
import { isLive, useUpcomingBookings } from '../booking/store.ts';

export function MinePage() {
  const { me, phone, signOut } = useSession();
  const [aboutOpen, setAboutOpen] = useState(false);
  const navigate = useNavigate();
  const { data } = useFamily();
  const { data: upcoming } = useUpcomingBookings(!!data?.family);
  const liveCount = upcoming?.filter(isLive).length ?? 0;
  if (!me) return null;
  const name = me.user.displayName;

  async function logout() {
    const ok = await Dialog.confirm({
      content: t('me.logoutConfirm'),
      confirmText: t('me.logout'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await signOut();
      navigate('/login', { replace: true });
      Toast.show({ content: t('me.loggedOut') });
    } catch (err) {
      Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL') });
    }
  }

  return (
    <div className="page mine-page" data-qa="mine-page">
      <PageHeader title={t('me.title')} />
      <section className="mine-profile card">
        <div className="mine-avatar" aria-hidden="true">
          {name.slice(0, 1) || <UserIcon />}
        </div>
        <div>
          <div className="mine-name" data-qa="me-name">
            {name}
          </div>
          <div className="muted small">{t(`roles.${me.user.role}`)}</div>
        </div>
      </section>
      <List className="mine-list" mode="card">
        {(phone || me.user.phoneMasked) && (
          <List.Item extra={<span data-qa="me-phone">{phone ? maskPhone(phone) : me.user.phoneMasked}</span>}>{t('me.phone')}</List.Item>
        )}
        <List.Item
          onClick={() => navigate('/bookings')}
          data-qa="me-bookings"
          extra={liveCount > 0 && <span className="muted">{t('me.bookingsCount', { n: liveCount })}</span>}
        >
          {t('me.bookings')}
        </List.Item>
        <List.Item
          onClick={() => navigate('/family')}
          data-qa="me-family"
          extra={
            data && (
              <span className={data.family ? `status-pill status-${data.family.status}` : 'muted'}>
                {data.family ? t(`familyStatus.${data.family.status}`) : t('me.familyNone')}
              </span>
            )
          }
        >
          {t('me.family')}
        </List.Item>
        <List.Item onClick={() => setAboutOpen(true)} data-qa="me-about">
          {t('me.service')}
        </List.Item>
      </List>
      {data?.family && <NoticeSettings />}
      <p className="mine-privacy muted small">{t('me.privacy')}</p>
      <div className="mine-logout">
        <Button block shape="rounded" size="large" data-qa="logout" onClick={() => void logout()}>
          {t('me.logout')}
        </Button>
      </div>
      <Popup
        visible={aboutOpen}
        onMaskClick={() => setAboutOpen(false)}
        onClose={() => setAboutOpen(false)}
        bodyClassName="about-popup"
        showCloseButton
      >
        <ServiceCard />
      </Popup>
    </div>
  );
}
