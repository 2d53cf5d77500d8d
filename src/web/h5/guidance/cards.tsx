// The guidance cards: one of the family's enrolments (date, title, place, the 6-digit 签到码 for the door, 取消报名,
// and for a seat offered from the waiting list 确认名额 with its deadline), and one event of the list.
import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { Link } from 'react-router';
import { api, ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';
import { CalendarIcon, PinIcon, UserIcon } from '../components/icons.tsx';
import { monthDayTime, timeSpan } from '../booking/format.ts';
import {
  ageBand,
  dayText,
  enrolmentStatusText,
  placeText,
  refreshGuidance,
  seatsLine,
  type FamilyEnrolment,
  type GuidanceEvent,
} from './types.ts';

async function refusal(err: unknown) {
  if (!(err instanceof ApiError)) throw err;
  await Dialog.alert({
    title: t('guidance.refusedTitle'),
    content: (
      <div className="refusal" data-qa="guidance-refusal" data-code={err.code}>
        {err.title}
      </div>
    ),
    confirmText: t('guidance.gotIt'),
  });
}

/** The 6 digits in two groups of three, read out digit by digit. */
export function DoorCode({ code }: { code: string }) {
  return (
    <div
      className="door-code"
      data-qa="door-code"
      data-code={code}
      role="img"
      aria-label={t('guidance.doorCodeLabel', { code: code.split('').join(' ') })}
    >
      <span className="door-code-label" aria-hidden="true">
        {t('guidance.doorCode')}
      </span>
      <span className="door-code-digits" aria-hidden="true">
        {code.slice(0, 3)} {code.slice(3)}
      </span>
    </div>
  );
}

export function EnrolmentCard({ e }: { e: FamilyEnrolment }) {
  const [busy, setBusy] = useState<'cancel' | 'accept' | null>(null);
  const ev = e.event;
  const started = new Date(ev.startsAt).getTime() <= Date.now();

  const cancel = async () => {
    const ok = await Dialog.confirm({
      title: t('guidance.cancelTitle'),
      content: <div data-qa="guidance-cancel-dialog">{t('guidance.cancelBody')}</div>,
      confirmText: <span data-qa="guidance-cancel-confirm">{t('guidance.cancelConfirm')}</span>,
      cancelText: t('guidance.keep'),
    });
    if (!ok) return;
    setBusy('cancel');
    try {
      await api('POST', `/api/guidance/enrolments/${e.id}/cancel`, {});
      Toast.show({ content: t('guidance.cancelled'), position: 'center' });
    } catch (err) {
      await refusal(err);
    } finally {
      setBusy(null);
      void refreshGuidance();
    }
  };

  const accept = async () => {
    setBusy('accept');
    try {
      await api('POST', `/api/guidance/enrolments/${e.id}/accept`, {});
      Toast.show({ content: t('guidance.accepted'), position: 'center' });
    } catch (err) {
      await refusal(err);
    } finally {
      setBusy(null);
      void refreshGuidance();
    }
  };

  return (
    <article
      className={`card guidance-enrolment status-${e.status}`}
      data-qa="guidance-enrolment"
      data-enrolment-id={e.id}
      data-status={e.status}
    >
      <div className="booking-top">
        <span className="guidance-when">
          <CalendarIcon />
          <span>
            {dayText(ev.date)} <b>{timeSpan(ev)}</b>
          </span>
        </span>
        <span className={`booking-status status-${e.status}`} data-qa="guidance-enrolment-status" data-queue={e.queuePosition ?? undefined}>
          {enrolmentStatusText(e)}
        </span>
      </div>
      <Link to={`/guidance/${ev.id}`} className="guidance-title" data-qa="guidance-enrolment-title">
        {ev.title}
      </Link>
      <div className="guidance-line">
        <PinIcon />
        <span>{placeText(ev)}</span>
      </div>
      {e.status === 'offered' && e.offeredUntil && (
        <div className="guidance-offer" data-qa="guidance-offer-until">
          {t('guidance.offerUntil', { until: monthDayTime(e.offeredUntil) })}
        </div>
      )}
      {e.status === 'confirmed' && e.doorCode && ev.mode === 'offline' && (
        <>
          <DoorCode code={e.doorCode} />
          <div className="muted small">{t('guidance.doorCodeHint')}</div>
        </>
      )}
      {e.meetingUrl && (
        <a className="guidance-live" href={e.meetingUrl} target="_blank" rel="noreferrer" data-qa="guidance-live">
          {t('guidance.joinLive')}
        </a>
      )}
      {!started && (
        <div className="guidance-actions">
          {e.status === 'offered' && (
            <Button
              color="primary"
              shape="rounded"
              size="small"
              data-qa="guidance-accept"
              aria-label={t('guidance.acceptAria', { title: ev.title })}
              loading={busy === 'accept'}
              disabled={busy !== null}
              onClick={() => void accept()}
            >
              {t('guidance.accept')}
            </Button>
          )}
          <Button
            fill="outline"
            shape="rounded"
            size="small"
            className="guidance-cancel"
            data-qa="guidance-cancel"
            aria-label={t('guidance.cancelAria', { title: ev.title })}
            loading={busy === 'cancel'}
            disabled={busy !== null}
            onClick={() => void cancel()}
          >
            {t('guidance.cancel')}
          </Button>
        </div>
      )}
    </article>
  );
}

export function EventCard({ ev, mine }: { ev: GuidanceEvent; mine?: FamilyEnrolment }) {
  return (
    <Link to={`/guidance/${ev.id}`} className="card guidance-event" data-qa="guidance-event" data-event-id={ev.id}>
      <div className="booking-top">
        <span className="guidance-when">
          <CalendarIcon />
          <span>
            {dayText(ev.date)} <b>{timeSpan(ev)}</b>
          </span>
        </span>
        {mine ? (
          <span className={`booking-status status-${mine.attendedAt ? 'confirmed' : mine.status}`} data-qa="guidance-event-mine">
            {mine.attendedAt ? t('guidance.attended') : enrolmentStatusText(mine)}
          </span>
        ) : (
          <span className={`guidance-seats${ev.seatsLeft > 0 ? '' : ' full'}`} data-qa="guidance-seats" data-left={ev.seatsLeft}>
            {seatsLine(ev)}
          </span>
        )}
      </div>
      <div className="guidance-title" data-qa="guidance-event-title">
        {ev.title}
      </div>
      <div className="guidance-tags">
        <span className="guidance-tag topic">{ev.topicName}</span>
        <span className="guidance-tag">{ageBand(ev)}</span>
        <span className={`guidance-tag mode-${ev.mode}`}>{ev.mode === 'online' ? t('guidance.online') : t('guidance.mode.offline')}</span>
      </div>
      <div className="guidance-line">
        <UserIcon />
        <span>{ev.organiser}</span>
      </div>
      {ev.mode === 'offline' && ev.place && (
        <div className="guidance-line">
          <PinIcon />
          <span>{ev.place}</span>
        </div>
      )}
    </Link>
  );
}
