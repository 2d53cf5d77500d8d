// 预约托育: one session. The parent picks one of the family's children (those who cannot book yet say why, with the
// way to fix it), sees the child's free sessions left this year, and confirms; once the free sessions are used
// the house's price is shown and confirmed first. The answer comes at once: 预约成功, or 已加入候补,第 N 位.
// Every refusal shows the server's own Chinese reason. Each tap of the confirm button sends a new
// Idempotency-Key; a request that may not have arrived is sent again with the same one, so nothing is booked twice.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, ErrorBlock, ProgressBar, Result, Toast } from 'antd-mobile';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../common/api.ts';
import type { BookingResult, MyBooking, PublicSession } from '../../common/bookingTypes.ts';
import type { FamilyChild } from '../../common/familyTypes.ts';
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { findHouse, useStreets } from '../streets.ts';
import { useFamily } from '../family/store.ts';
import { ageText } from '../family/helpers.ts';
import { MissingRow } from '../family/Checklist.tsx';
import { FlowPage } from '../components/FlowPage.tsx';
import { LoadFailed, Loading } from '../components/LoadState.tsx';
import { CalendarIcon, PinIcon, RoomIcon } from '../components/icons.tsx';
import { countdown, formatYuan, monthDayTime, sessionHours, timeSpan } from '../booking/format.ts';
import { postWithRetry, retriable, uuid } from '../booking/api.ts';
import { ServiceTag, seatsText, sessionState } from '../booking/SessionList.tsx';
import { isLive, load, refresh, refreshAfterBooking, upcomingPath, useApi, useEntitlement, useUpcomingBookings } from '../booking/store.ts';
import { useNow } from '../booking/useNow.ts';
import { confirmPrice, showRefusal } from '../booking/dialogs.tsx';

interface Done {
  result: BookingResult;
  child: FamilyChild;
  session: PublicSession;
  /** The balances and the queue have been read again since the booking. */
  fresh: boolean;
}

function Entitlement({ childId, year }: { childId: string; year: number }) {
  const { data } = useEntitlement(childId, year);
  if (!data)
    return (
      <div className="entitlement muted small" data-qa="entitlement-loading">
        {t('book.entitlementLoading')}
      </div>
    );
  return (
    <div
      className={data.remaining ? 'entitlement' : 'entitlement none-left'}
      data-qa="entitlement"
      data-remaining={data.remaining}
      data-used={data.used}
    >
      <div className="entitlement-text">{t('book.entitlement', { total: data.freeTotal, used: data.used, remaining: data.remaining })}</div>
      <ProgressBar percent={data.freeTotal ? (data.remaining / data.freeTotal) * 100 : 0} className="entitlement-bar" />
    </div>
  );
}

function ChildOption({
  child,
  year,
  selected,
  live,
  clash,
  onSelect,
}: {
  child: FamilyChild;
  year: number;
  selected: boolean;
  live?: MyBooking;
  clash?: MyBooking;
  onSelect: () => void;
}) {
  const e = child.eligibility;
  const disabled = !e.bookable || !!live || !!clash;
  return (
    <div
      className={`child-option${selected ? ' selected' : ''}${disabled ? ' disabled' : ''}`}
      data-qa="child-option"
      data-child-id={child.id}
      data-disabled={disabled ? 'true' : 'false'}
      role="radio"
      aria-checked={selected}
      aria-disabled={disabled}
      tabIndex={disabled ? -1 : 0}
      onClick={() => !disabled && onSelect()}
      onKeyDown={(ev) => ev.key === 'Enter' && !disabled && onSelect()}
    >
      <div className="child-option-head">
        {!disabled && <span className="radio-dot" aria-hidden="true" />}
        <div className={`child-avatar ${child.sex}`} aria-hidden="true">
          {child.name.slice(-1)}
        </div>
        <div className="child-head-text">
          <div className="child-name" data-qa="child-option-name">
            {child.name}
          </div>
          <div className="muted small">{t('family.childLine', { sex: t(`sex.${child.sex}`), age: ageText(e.ageMonths) })}</div>
        </div>
        {!e.bookable && <span className="book-tag no">{t('book.notBookable')}</span>}
      </div>
      {e.bookable && !live && <Entitlement childId={child.id} year={year} />}
      {e.bookable && !live && clash && (
        <div className="child-option-note clash" data-qa="child-clash">
          {t('book.overlap', { house: clash.houseName, time: timeSpan(clash) })}
        </div>
      )}
      {live && (
        <div className={`child-option-note status-${live.status}`} data-qa="child-already">
          {t(`book.already.${live.status}`)}
          <Link to="/bookings" className="link" onClick={(ev) => ev.stopPropagation()}>
            {' '}
            {t('book.viewBookings')} ›
          </Link>
        </div>
      )}
      {!e.bookable && (
        <div className="child-option-why" data-qa="child-why">
          <div className="checklist-title">{t('book.whyNot')}</div>
          <ul className="checklist">
            {e.missing.map((r) => (
              <MissingRow key={r} r={r} childId={child.id} reason={e.returnReason} />
            ))}
          </ul>
          <Link to="/family" className="link" data-qa="child-to-family" onClick={(ev) => ev.stopPropagation()}>
            {t('book.toFamily')} ›
          </Link>
        </div>
      )}
    </div>
  );
}

function SessionSummary({ session, address, now }: { session: PublicSession; address?: string; now: number }) {
  const state = sessionState(session, now);
  return (
    <section className="card book-session" data-qa="book-session" data-session-id={session.id}>
      <div className="book-house" data-qa="book-house">
        {session.houseName}
      </div>
      <div className="book-when" data-qa="book-when">
        <CalendarIcon />
        <span>
          {formatDateZh(session.date)} <b>{timeSpan(session)}</b>
        </span>
      </div>
      <div className="book-line">
        <RoomIcon />
        <span>
          {session.roomName} · {t('sessions.hours', { n: sessionHours(session) })}
        </span>
        <ServiceTag type={session.serviceType} />
      </div>
      {address && (
        <div className="book-line">
          <PinIcon />
          <span>{address}</span>
        </div>
      )}
      <div className={`session-seats ${state}`} data-qa="book-seats">
        {seatsText(session, state)}
      </div>
    </section>
  );
}

function DoneView({
  done,
  year,
  address,
  canAnother,
  onAnother,
}: {
  done: Done;
  year: number;
  address?: string;
  canAnother: boolean;
  onAnother: () => void;
}) {
  const navigate = useNavigate();
  const { data: upcoming } = useUpcomingBookings();
  const { data: ent } = useEntitlement(done.child.id, year);
  const waiting = done.result.status === 'waitlisted';
  const position = upcoming?.find((b) => b.id === done.result.id)?.queuePosition ?? null;
  const s = done.session;
  const title = waiting ? (position ? t('book.waitlisted', { n: position }) : t('book.waitlistedPlain')) : t('book.success');
  return (
    <div className="booking-done" data-qa="booking-result" data-status={done.result.status} data-booking-id={done.result.id}>
      <Result
        status={waiting ? 'waiting' : 'success'}
        title={<span data-qa="booking-result-title">{title}</span>}
        description={waiting ? t('book.waitlistedHint') : t('book.successHint')}
      />
      <section className="card done-card">
        <div className="info-row">
          <span className="info-label">{t('book.child')}</span>
          <span className="info-value" data-qa="done-child">
            {done.child.name}
          </span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('book.house')}</span>
          <span className="info-value">{s.houseName}</span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('book.when')}</span>
          <span className="info-value">
            {formatDateZh(s.date)} {timeSpan(s)}
          </span>
        </div>
        <div className="info-row">
          <span className="info-label">{t('book.room')}</span>
          <span className="info-value">
            {s.roomName} · {t(`sessions.serviceType.${s.serviceType}`)}
          </span>
        </div>
        {address && (
          <div className="info-row">
            <span className="info-label">{t('book.address')}</span>
            <span className="info-value">{address}</span>
          </div>
        )}
        {!waiting &&
          (done.result.free ? (
            <div className="done-ent" data-qa="done-entitlement">
              {done.fresh && ent ? t('book.freeUsed', { child: done.child.name, remaining: ent.remaining }) : t('book.free')}
            </div>
          ) : (
            <div className="done-ent paid" data-qa="done-price">
              {t('book.paidNote', { price: formatYuan(done.result.priceFen) })}
            </div>
          ))}
      </section>
      <div className="done-buttons">
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          data-qa="done-bookings"
          onClick={() => navigate('/bookings', { replace: true })}
        >
          {t('book.viewBookings')}
        </Button>
        {canAnother && (
          <Button block color="primary" fill="outline" shape="rounded" size="large" data-qa="done-another" onClick={onAnother}>
            {t('book.bookAnother')}
          </Button>
        )}
        <Button block fill="none" shape="rounded" data-qa="done-more" onClick={() => navigate(`/houses/${s.houseId}`, { replace: true })}>
          {t('book.moreSessions')}
        </Button>
      </div>
    </div>
  );
}

export function BookPage() {
  const { sessionId = '' } = useParams();
  const navigate = useNavigate();
  // The session id is all a booking link needs; the server says when it has started, been cancelled or never was.
  const valid = /^[0-9a-f-]{36}$/i.test(sessionId);
  const { data: found, error, reload } = useApi<PublicSession>(valid ? `/api/sessions/${sessionId}` : null);
  const gone = error instanceof ApiError && error.status === 404;
  const session = gone ? undefined : found;
  const houseId = session?.houseId ?? '';
  const { streets } = useStreets();
  const address = streets ? findHouse(streets, houseId)?.house.address : undefined;
  const { data: env, error: familyError, reload: reloadFamily } = useFamily();
  const { data: upcoming } = useUpcomingBookings();
  const [childId, setChildId] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [submitting, setSubmitting] = useState(false);
  /** The request in flight or last failed on the way: its body and Idempotency-Key. */
  const pending = useRef<{ sig: string; key: string } | null>(null);
  const opensAt = session ? new Date(session.bookingOpensAt).getTime() : 0;
  const now = useNow(!!session && !session.bookable);
  const year = Number(session?.date.slice(0, 4)) || new Date().getFullYear();

  const family = env?.family;
  const children = family?.children ?? [];
  const liveHere = (id: string) => upcoming?.find((b) => b.sessionId === sessionId && b.childId === id && isLive(b));
  // A child cannot hold two bookings at the same time, in any house: say so before the parent tries.
  const clashOf = (id: string) =>
    session &&
    upcoming?.find(
      (b) => b.childId === id && b.sessionId !== sessionId && isLive(b) && b.startsAt < session.endsAt && b.endsAt > session.startsAt,
    );
  const selectable = children.filter((c) => c.eligibility.bookable && !liveHere(c.id) && !clashOf(c.id));
  const child = selectable.find((c) => c.id === childId) ?? null;
  const { data: ent } = useEntitlement(child?.id ?? null, year);

  // One child who can book: chosen already.
  useEffect(() => {
    if (!done && !childId && selectable.length === 1) setChildId(selectable[0].id);
  }, [done, childId, selectable.length]); // eslint-disable-line react-hooks/exhaustive-deps

  // The window opens while the page is open (the 09:00 race): ask the server for the session again.
  const opened = !!session && !session.bookable && now >= opensAt;
  useEffect(() => {
    if (opened) void reload();
  }, [opened, reload]);

  const back = houseId ? `/houses/${houseId}` : '/houses';

  if (done) {
    return (
      <FlowPage title={t('book.title')} fallback={back} qa="book-page">
        <DoneView
          done={done}
          year={year}
          address={address}
          canAnother={selectable.some((c) => c.id !== done.child.id)}
          onAnother={() => {
            setDone(null);
            setChildId(null);
          }}
        />
      </FlowPage>
    );
  }

  let body: ReactNode;
  if (!valid || gone) body = <Gone onBack={() => navigate(back, { replace: true })} />;
  else if (error) body = <LoadFailed error={error} onRetry={() => void reload()} title={t('sessions.loadFailed')} />;
  else if (!session) body = <Loading />;
  const state = session ? sessionState(session, now) : 'open';

  async function submit(acceptPrice = false): Promise<void> {
    if (!session) return;
    if (!child) {
      Toast.show({ content: t('book.chooseChild'), position: 'center' });
      return;
    }
    let accept = acceptPrice;
    if (!accept && state === 'open' && ent && ent.remaining === 0 && session.priceFen > 0) {
      if (!(await confirmPrice(child.name, session.priceFen))) return;
      accept = true;
    }
    const payload = { sessionId: session.id, childId: child.id, ...(accept ? { acceptPrice: true } : {}) };
    const sig = JSON.stringify(payload);
    // A new tap gets a new key; the same request sent again after a failure on the way keeps its key.
    const key = pending.current?.sig === sig ? pending.current.key : uuid();
    pending.current = { sig, key };
    setSubmitting(true);
    let askPrice: number | null = null;
    try {
      const result = await postWithRetry<BookingResult>('/api/bookings', payload, key);
      pending.current = null;
      // The place in the queue comes from the family's bookings: read them before saying "第 N 位".
      if (result.status === 'waitlisted') await load(upcomingPath);
      const booked: Done = { result, child, session, fresh: false };
      setDone(booked);
      void refreshAfterBooking().then(() => setDone((d) => (d && d.result.id === result.id ? { ...d, fresh: true } : d)));
    } catch (err) {
      if (!retriable(err)) pending.current = null;
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'PRICE_CONFIRMATION_REQUIRED') {
        askPrice = Number(err.body.priceFen) || session.priceFen;
      } else if (retriable(err)) {
        Toast.show({ content: t('book.networkRetry'), position: 'center' });
      } else {
        void refresh('/api/sessions', '/api/bookings', '/api/children/');
        if (err.code === 'CHILD_NOT_BOOKABLE') void reloadFamily();
        await showRefusal(err, () => navigate('/family'));
      }
    } finally {
      setSubmitting(false);
    }
    if (askPrice !== null && (await confirmPrice(child.name, askPrice))) await submit(true);
  }

  let footer: ReactNode = null;
  if (session && !body) {
    const willPay = !!ent && ent.remaining === 0 && session.priceFen > 0;
    let note = '';
    if (state === 'notOpen') {
      const left = opensAt - now;
      note = left > 0 && left < 24 * 3600_000 ? t('book.opensIn', { time: countdown(left) }) : t('sessions.window');
    } else if (child && state === 'open') {
      note = willPay ? t('book.paid', { price: formatYuan(session.priceFen) }) : ent ? t('book.free') : '';
    } else if (child && state === 'full') {
      note = willPay
        ? t('book.waitPaid', { n: session.waitlisted + 1, price: formatYuan(session.priceFen) })
        : t('book.waitFree', { n: session.waitlisted + 1 });
    }
    footer = (
      <div className="book-footer">
        {note && (
          <div className={`book-note${willPay && state !== 'notOpen' ? ' paid' : ''}`} data-qa="book-note">
            {note}
          </div>
        )}
        <Button
          block
          color="primary"
          shape="rounded"
          size="large"
          data-qa="confirm-booking"
          data-state={state}
          disabled={state === 'notOpen' || selectable.length === 0}
          loading={submitting}
          onClick={() => void submit()}
        >
          {state === 'notOpen'
            ? t('book.opensAt', { time: monthDayTime(session.bookingOpensAt) })
            : state === 'full'
              ? t('book.confirmWaitlist')
              : t('book.confirm')}
        </Button>
      </div>
    );
  }

  return (
    <FlowPage title={t('book.title')} fallback={back} qa="book-page" footer={footer}>
      {body ??
        (session && (
          <>
            <SessionSummary session={session} address={address} now={now} />
            <section className="book-children" data-qa="book-children">
              <div className="section-head">
                <h2>{t('book.childTitle')}</h2>
              </div>
              <p className="form-lead tight">{t('book.childHint')}</p>
              {familyError && <LoadFailed error={familyError} onRetry={() => void reloadFamily()} />}
              {!env && !familyError && <Loading />}
              {env && !family && (
                <div className="card book-no-family" data-qa="book-no-family">
                  <p>{t('book.noFamily')}</p>
                  <Button color="primary" shape="rounded" onClick={() => navigate('/family')}>
                    {t('book.goFamily')}
                  </Button>
                </div>
              )}
              {family && children.length === 0 && (
                <div className="card book-no-family" data-qa="book-no-children">
                  <p>{t('book.noChildren')}</p>
                  <Button color="primary" shape="rounded" onClick={() => navigate('/family')}>
                    {t('book.goFamily')}
                  </Button>
                </div>
              )}
              {family && family.status !== 'accepted' && children.length > 0 && (
                <div className="book-family-note" data-qa="book-family-note">
                  {t('book.familyNotAccepted', { status: t(`familyStatus.${family.status}`) })}
                </div>
              )}
              {children.map((c) => (
                <ChildOption
                  key={c.id}
                  child={c}
                  year={year}
                  selected={c.id === child?.id}
                  live={liveHere(c.id)}
                  clash={clashOf(c.id)}
                  onSelect={() => setChildId(c.id)}
                />
              ))}
            </section>
          </>
        ))}
    </FlowPage>
  );
}

function Gone({ onBack }: { onBack: () => void }) {
  return (
    <ErrorBlock status="empty" title={t('book.sessionGone')} description="" data-qa="book-gone">
      <Button color="primary" fill="outline" shape="rounded" onClick={onBack}>
        {t('book.backToHouses')}
      </Button>
    </ErrorBlock>
  );
}
