// One guidance event: when, where (or 线上直播), topic, organiser, who leads it, the age band, seats left, and 报名 (or
// 候补 when full). The answer comes at once: 已报名 with the 签到码, or 已候补 第 n 位. Refusals (NO_CHILD_OF_AGE,
// ALREADY_ENROLLED, …) show the server's own Chinese words. Each tap sends a new Idempotency-Key; a request that may
// not have arrived is sent again with the same key, so a family is never enrolled twice.
import { Fragment, useRef, useState, type ReactNode } from 'react';
import { Button, Dialog, ErrorBlock, Result, Toast } from 'antd-mobile';
import { useNavigate, useParams } from 'react-router';
import { ApiError, get } from '../../common/api.ts';
import { locale, t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useFamily } from '../family/store.ts';
import { FlowPage } from '../components/FlowPage.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CalendarIcon, ChildIcon, ClockIcon, PinIcon, UserIcon } from '../components/icons.tsx';
import { openingHoursGroups } from '../../../shared/format.ts';
import { timeSpan } from '../booking/format.ts';
import { postWithRetry, retriable, uuid } from '../booking/api.ts';
import { useApi } from '../booking/store.ts';
import { DoorCode, EnrolmentCard } from '../guidance/cards.tsx';
import {
  ageBand,
  dayText,
  eventPath,
  familyGuidancePath,
  isComing,
  placeText,
  refreshGuidance,
  seatsLine,
  useFamilyGuidance,
  type EnrolmentResult,
  type FamilyGuidance,
  type GuidanceEvent,
} from '../guidance/types.ts';
import { NoFamilyNote } from './Guidance.tsx';
import '../guidance/guidance.css';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="info-row">
      <span className="info-label">{label}</span>
      <span className="info-value">{children}</span>
    </div>
  );
}

function Details({ ev }: { ev: GuidanceEvent }) {
  return (
    <>
      <section className="card guidance-detail" data-qa="guidance-detail" data-event-id={ev.id}>
        <div className="guidance-tags">
          <span className="guidance-tag topic">{ev.topicName}</span>
          <span className={`guidance-tag mode-${ev.mode}`}>{ev.mode === 'online' ? t('guidance.online') : t('guidance.mode.offline')}</span>
        </div>
        <h2 className="guidance-detail-title" data-qa="guidance-detail-title">
          {ev.title}
        </h2>
        <div className="guidance-line">
          <CalendarIcon />
          <span>
            {dayText(ev.date)} <b>{timeSpan(ev)}</b>
          </span>
        </div>
        <div className="guidance-line">
          <PinIcon />
          <span>{placeText(ev)}</span>
        </div>
        <div className="guidance-line">
          <UserIcon />
          <span>
            {ev.organiser} · {t('guidance.leader')} {ev.leader}
          </span>
        </div>
        {ev.organiserHours.length > 0 && (
          <div className="guidance-line" data-qa="guidance-organiser-hours">
            <ClockIcon />
            <span>
              {t('guidance.openingHours')}{' '}
              {openingHoursGroups(ev.organiserHours, locale).map((g, i, all) => (
                <Fragment key={g}>
                  <span className="guidance-hours-group">{g}</span>
                  {i < all.length - 1 && (locale === 'en' ? '; ' : ';')}
                </Fragment>
              ))}
            </span>
          </div>
        )}
        <div className="guidance-line">
          <ChildIcon />
          <span>
            {ageBand(ev)} · {ev.childComes ? t('guidance.childComes') : t('guidance.parentsOnly')}
          </span>
        </div>
        <div className={`guidance-seats big${ev.seatsLeft > 0 ? '' : ' full'}`} data-qa="guidance-detail-seats" data-left={ev.seatsLeft}>
          {seatsLine(ev)}
          <span className="muted small">
            {' '}
            · {t('guidance.seatsOf', { seats: ev.seats })}
            {ev.waiting > 0 && ` · ${t('guidance.waiting', { n: ev.waiting })}`}
          </span>
        </div>
        {ev.status === 'cancelled' && (
          <div className="guidance-cancelled" data-qa="guidance-event-cancelled">
            {t('guidance.eventCancelled', { reason: ev.cancelReason ?? '' })}
          </div>
        )}
      </section>
      {ev.description && (
        <section className="card">
          <h2 className="card-title">{t('guidance.about')}</h2>
          <p className="guidance-description">{ev.description}</p>
        </section>
      )}
    </>
  );
}

interface Done {
  result: EnrolmentResult;
  event: GuidanceEvent;
  /** The place on the waiting list, read from the event just after joining it. */
  position: number | null;
}

function DoneView({ done }: { done: Done }) {
  const navigate = useNavigate();
  const waiting = done.result.status === 'waitlisted';
  const ev = done.event;
  const title = waiting
    ? done.position
      ? t('guidance.waitlisted', { n: done.position })
      : t('guidance.waitlistedPlain')
    : t('guidance.enrolled');
  return (
    <div className="booking-done" data-qa="guidance-result" data-status={done.result.status} data-enrolment-id={done.result.id}>
      <Result
        status={waiting ? 'waiting' : 'success'}
        title={<span data-qa="guidance-result-title">{title}</span>}
        description={waiting ? t('guidance.waitlistedHint') : t('guidance.enrolledHint')}
      />
      <section className="card done-card">
        <Row label={t('guidance.event')}>{ev.title}</Row>
        <Row label={t('guidance.when')}>
          {dayText(ev.date)} {timeSpan(ev)}
        </Row>
        <Row label={t('guidance.place')}>{placeText(ev)}</Row>
        {!waiting && ev.mode === 'offline' && <DoorCode code={done.result.doorCode} />}
      </section>
      <div className="done-buttons">
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          data-qa="guidance-done-mine"
          onClick={() => navigate('/guidance', { replace: true })}
        >
          {t('guidance.viewMine')}
        </Button>
      </div>
    </div>
  );
}

export function GuidanceEventPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const valid = /^[0-9a-f-]{36}$/i.test(id);
  const { data: found, error, reload } = useApi<GuidanceEvent>(valid ? eventPath(id) : null);
  const gone = error instanceof ApiError && error.status === 404;
  const ev = gone ? undefined : found;
  const { data: env } = useFamily();
  const family = env?.family;
  const year = me ? Number(me.today.slice(0, 4)) : null;
  const { data: mine } = useFamilyGuidance(family ? year : null);
  const [done, setDone] = useState<Done | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const pending = useRef<string | null>(null);

  if (done)
    return (
      <FlowPage title={t('guidance.title')} fallback="/guidance" qa="guidance-event-page">
        <DoneView done={done} />
      </FlowPage>
    );

  const now = Date.now();
  const enrolment = mine?.enrolments.find((e) => e.event.id === id && isComing(e, now));
  // Whether the event has begun is the server's to say (EVENT_STARTED): the phone's clock may be wrong.
  const accepted = family?.status === 'accepted';

  async function submit() {
    if (!ev) return;
    const key = pending.current ?? uuid();
    pending.current = key;
    setSubmitting(true);
    let refused: ApiError | null = null;
    try {
      const result = await postWithRetry<EnrolmentResult>('/api/guidance/enrolments', { eventId: ev.id }, key);
      pending.current = null;
      let position: number | null = null;
      if (result.status === 'waitlisted') {
        // Where the family stands, as the server counts it.
        const fresh = year ? await get<FamilyGuidance>(familyGuidancePath(year)).catch(() => null) : null;
        position = fresh?.enrolments.find((e) => e.id === result.id)?.queuePosition ?? null;
      }
      setDone({ result, event: ev, position });
      void refreshGuidance();
    } catch (err) {
      if (!retriable(err)) pending.current = null;
      if (!(err instanceof ApiError)) throw err;
      if (retriable(err)) {
        Toast.show({ content: t('guidance.networkRetry'), position: 'center' });
      } else {
        void refreshGuidance();
        refused = err;
      }
    } finally {
      setSubmitting(false);
    }
    if (refused)
      await Dialog.alert({
        title: t('guidance.refusedTitle'),
        content: (
          <div className="refusal" data-qa="guidance-refusal" data-code={refused.code}>
            {refused.title}
          </div>
        ),
        confirmText: t('guidance.gotIt'),
      });
  }

  let body: ReactNode;
  if (!valid || gone)
    body = (
      <ErrorBlock status="empty" title={t('guidance.eventGone')} description="" data-qa="guidance-gone">
        <Button color="primary" fill="outline" shape="rounded" onClick={() => navigate('/guidance', { replace: true })}>
          {t('guidance.backToList')}
        </Button>
      </ErrorBlock>
    );
  else if (error) body = <LoadFailed error={error} onRetry={() => void reload()} title={t('guidance.loadFailed')} />;
  else if (!ev) body = <Loading />;

  let footer: ReactNode = null;
  if (ev && !body && accepted && !enrolment && ev.status === 'published') {
    const full = ev.seatsLeft <= 0;
    footer = (
      <div className="book-footer">
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          data-qa="guidance-enrol"
          data-full={full ? 'true' : 'false'}
          aria-label={t('guidance.enrolAria', { title: ev.title })}
          loading={submitting}
          onClick={() => void submit()}
        >
          {full ? t('guidance.enrolWait') : t('guidance.enrol')}
        </Button>
      </div>
    );
  }

  return (
    <FlowPage title={t('guidance.title')} fallback="/guidance" qa="guidance-event-page" footer={footer}>
      {body ??
        (ev && (
          <>
            <Details ev={ev} />
            {env && !family && <NoFamilyNote />}
            {family && !accepted && <NoFamilyNote status={family.status} />}
            {enrolment && (
              <div data-qa="guidance-already">
                <div className="section-head">
                  <h2>{t('guidance.alreadyHere')}</h2>
                </div>
                <EnrolmentCard e={enrolment} />
              </div>
            )}
          </>
        ))}
    </FlowPage>
  );
}
