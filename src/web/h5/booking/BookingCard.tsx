// One of the family's bookings: the child, the house and its address, when, the status in words (已预约, 候补第2位,
// 有空位待确认 with the time left, 已取消 and the house's reason…), free or the price; and what can be done with it:
// cancel (saying first whether the free session comes back), leave the waiting list, take or decline an offered seat.
import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { get, post, ApiError } from '../../common/api.ts';
import type { BookingResult, CancelResult, Entitlement, MyBooking } from '../../common/bookingTypes.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { BellIcon, CalendarIcon, PinIcon } from '../components/icons.tsx';
import { confirmPrice, showRefusal } from './dialogs.tsx';
import { countdown, formatYuan, monthDayTime, timeSpan } from './format.ts';
import { entitlementPath, load, refreshAfterBooking } from './store.ts';
import { useNow } from './useNow.ts';

export function statusText(b: MyBooking): string {
  if (b.status === 'waitlisted')
    return b.queuePosition ? t('bookings.status.waitlisted', { n: b.queuePosition }) : t('book.waitlistedPlain');
  return t(`bookings.status.${b.status}`);
}

/** Started and not yet over (the list of coming bookings keeps a session until it ends). */
export const inProgress = (b: MyBooking, now: number) =>
  b.status === 'confirmed' && new Date(b.startsAt).getTime() <= now && now < new Date(b.endsAt).getTime();

/** Hours before the start until which cancelling returns the free session (the policy's deadline, default 2). */
const deadlineHours = (b: MyBooking) =>
  Math.round((new Date(b.startsAt).getTime() - new Date(b.freeCancellationUntil).getTime()) / 3600_000);

function cancelDialogText(b: MyBooking, now: number): { title: string; body: string; confirm: string } {
  if (b.status === 'waitlisted')
    return { title: t('bookings.cancelWaitTitle'), body: t('bookings.cancelWaitBody'), confirm: t('bookings.leaveConfirm') };
  if (b.status === 'offered')
    return { title: t('bookings.declineTitle'), body: t('bookings.declineBody'), confirm: t('bookings.declineConfirm') };
  const timely = now <= new Date(b.freeCancellationUntil).getTime();
  const hours = deadlineHours(b);
  const body = b.free
    ? timely
      ? t('bookings.cancelFree')
      : t('bookings.cancelLate', { hours })
    : timely
      ? t('bookings.cancelPaid')
      : t('bookings.cancelPaidLate', { hours, price: formatYuan(b.priceFen) });
  return { title: t('bookings.cancelTitle'), body, confirm: t('bookings.cancelConfirm') };
}

function OfferBox({ b, onAccept, busy }: { b: MyBooking; onAccept: () => void; busy: boolean }) {
  const now = useNow(true);
  const until = b.offeredUntil ? new Date(b.offeredUntil).getTime() : 0;
  const left = until - now;
  return (
    <div className="offer-box" data-qa="offer-box">
      <div className="offer-head">
        <BellIcon />
        <span>{t('bookings.offerTitle')}</span>
      </div>
      {b.offeredUntil && <div className="offer-until">{t('bookings.offerUntil', { until: monthDayTime(b.offeredUntil) })}</div>}
      <div className="offer-row">
        <span className={left > 0 ? 'offer-left' : 'offer-left over'} data-qa="offer-countdown">
          {left > 0 ? t('bookings.offerLeft', { time: countdown(left) }) : t('bookings.offerExpired')}
        </span>
        <Button color="primary" shape="rounded" size="small" data-qa="accept-offer" loading={busy} disabled={left <= 0} onClick={onAccept}>
          {t('bookings.accept')}
        </Button>
      </div>
    </div>
  );
}

export function BookingCard({ b, past = false }: { b: MyBooking; past?: boolean }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState<'cancel' | 'accept' | null>(null);
  const now = useNow(b.status === 'confirmed' && b.canCancel, 30_000);
  const year = Number(b.date.slice(0, 4));
  // A visit the child has gone home from is in the past list although its session is still running.
  const started = !past && inProgress(b, now);

  async function cancel() {
    const text = cancelDialogText(b, Date.now());
    const ok = await Dialog.confirm({
      title: text.title,
      content: (
        <div className="cancel-dialog" data-qa="cancel-dialog">
          <div className="cancel-what">
            {t('bookings.cancelWhat', { child: b.childName, when: `${formatDateZh(b.date)} ${timeSpan(b)}` })}
          </div>
          <div className="cancel-body" data-qa="cancel-dialog-body">
            {text.body}
          </div>
        </div>
      ),
      confirmText: <span data-qa="cancel-confirm">{text.confirm}</span>,
      cancelText: t('bookings.keep'),
    });
    if (!ok) return;
    setBusy('cancel');
    try {
      const r = await post<CancelResult>(`/api/bookings/${b.id}/cancel`);
      const ent = await get<Entitlement>(entitlementPath(b.childId, year)).catch(() => null);
      let content = b.status === 'waitlisted' ? t('bookings.left') : t('bookings.cancelled');
      if (b.status === 'confirmed' && ent) {
        content += `\n${r.entitlementReturned ? t('bookings.returned', { child: b.childName, remaining: ent.remaining }) : t('bookings.notReturned', { child: b.childName, remaining: ent.remaining })}`;
      }
      Toast.show({
        content: (
          <span className="toast-lines" data-qa="cancel-toast">
            {content}
          </span>
        ),
        icon: 'success',
        duration: 3000,
      });
      await refreshAfterBooking();
    } catch (err) {
      Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL'), position: 'center' });
      void refreshAfterBooking();
    } finally {
      setBusy(null);
    }
  }

  async function accept(acceptPrice = false): Promise<void> {
    setBusy('accept');
    let askPrice: number | null = null;
    try {
      const r = await post<BookingResult>(`/api/bookings/${b.id}/accept-offer`, acceptPrice ? { acceptPrice: true } : {});
      Toast.show({
        content:
          r.free || !r.priceFen
            ? t('bookings.accepted')
            : `${t('bookings.accepted')}\n${t('book.paidNote', { price: formatYuan(r.priceFen) })}`,
        icon: 'success',
      });
      await refreshAfterBooking();
      void load(entitlementPath(b.childId, year));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PRICE_CONFIRMATION_REQUIRED') askPrice = Number(err.body.priceFen) || 0;
      else if (err instanceof ApiError) {
        void refreshAfterBooking();
        await showRefusal(err, () => navigate('/family'));
      } else throw err;
    } finally {
      setBusy(null);
    }
    if (askPrice !== null && (await confirmPrice(b.childName, askPrice))) await accept(true);
  }

  // A cancelled booking costs nothing and may have given its free session back: no price on it.
  const showPrice = b.status === 'confirmed' || b.status === 'no_show';
  return (
    <article
      className={`card booking-card status-${b.status}`}
      data-qa="my-booking"
      data-booking-id={b.id}
      data-status={b.status}
      data-session-id={b.sessionId}
      data-child-id={b.childId}
    >
      <div className="booking-top">
        <span className={`booking-status status-${b.status}`} data-qa="booking-status">
          {started ? t('bookings.inProgress') : past && b.status === 'confirmed' ? t('bookings.ended') : statusText(b)}
        </span>
        {showPrice && (
          <span className={b.free ? 'booking-price free' : 'booking-price'} data-qa="booking-price">
            {b.free ? t('bookings.free') : formatYuan(b.priceFen)}
          </span>
        )}
      </div>
      <div className="booking-child" data-qa="booking-child">
        {b.childName}
      </div>
      <div className="booking-when" data-qa="booking-when">
        <CalendarIcon />
        <span>
          {formatDateZh(b.date)} <b>{timeSpan(b)}</b>
        </span>
      </div>
      <div
        className="booking-house"
        role="link"
        tabIndex={0}
        onClick={() => navigate(`/houses/${b.houseId}`)}
        onKeyDown={(e) => e.key === 'Enter' && navigate(`/houses/${b.houseId}`)}
      >
        <PinIcon />
        <span>
          <span className="booking-house-name" data-qa="booking-house">
            {b.houseName}
          </span>
          <span className="booking-house-sub">
            {b.roomName} · {t(`sessions.serviceType.${b.serviceType}`)}
          </span>
          <span className="booking-address" data-qa="booking-address">
            {b.houseAddress}
          </span>
        </span>
      </div>
      {b.status === 'cancelled' && b.cancelReason && (
        <div className="booking-reason" data-qa="booking-cancel-reason">
          {t('bookings.cancelledByHouse', { reason: b.cancelReason })}
        </div>
      )}
      {!past && b.status === 'offered' && <OfferBox b={b} busy={busy === 'accept'} onAccept={() => void accept()} />}
      {!past && b.canCancel && (
        <div className="booking-actions">
          {b.status === 'confirmed' && (
            <span className={now <= new Date(b.freeCancellationUntil).getTime() ? 'booking-deadline' : 'booking-deadline late'}>
              {b.free &&
                (now <= new Date(b.freeCancellationUntil).getTime()
                  ? t('bookings.freeUntil', { time: monthDayTime(b.freeCancellationUntil) })
                  : t('bookings.lateCancel'))}
            </span>
          )}
          <Button
            size="small"
            shape="rounded"
            fill="outline"
            className="cancel-button"
            data-qa="cancel-booking"
            loading={busy === 'cancel'}
            onClick={() => void cancel()}
          >
            {b.status === 'waitlisted' ? t('bookings.leaveQueue') : b.status === 'offered' ? t('bookings.decline') : t('bookings.cancel')}
          </Button>
        </div>
      )}
    </article>
  );
}
