// 入户指导 on 家庭: each of the family's newborns in the street's register (GET /api/family/visits, matched by the
// guardian's phone) with its visitor and where the home visit stands, in plain words — 待安排 with the date it is due
// by, 已预约 with the day and time (and 申请改期, a note to the visitor), 请确认 with what the visitor recorded and
// 确认已上门, 已完成. Nothing is shown to families without a newborn in the register.
import { useState } from 'react';
import { Button, Dialog, TextArea, Toast } from 'antd-mobile';
import { ApiError, post } from '../../common/api.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import type { Res } from '../../common/wire.ts';
import { inDistrict } from '../../../domain/time.ts';
import { t } from '../i18n/index.ts';
import { refresh, useApi } from '../booking/store.ts';
import { timeOf } from '../booking/format.ts';
import { dayText, useTopics } from '../guidance/types.ts';
import { CalendarIcon, CheckIcon, UserIcon } from '../components/icons.tsx';
import './visits.css';

type Newborn = Res<'/api/family/visits', 'get'>[number];
type Visit = Newborn['visits'][number];
export const visitsPath = '/api/family/visits';
const PATH = visitsPath;

/** '12月5日 周六 10:00' in the district's time. */
const whenText = (iso: string) => `${dayText(inDistrict(iso).format('YYYY-MM-DD'))} ${timeOf(iso)}`;

/** '12月31日', with the year when it is not this year's ('2027年1月2日'). */
const plainDay = (date: string) =>
  date.slice(0, 4) === inDistrict(Date.now()).format('YYYY') ? formatPlainDateZh(date).replace(/^\d+年/, '') : formatPlainDateZh(date);

async function refusal(err: unknown) {
  await Dialog.alert({
    title: t('visits.refusedTitle'),
    content: (
      <div className="refusal" data-qa="visit-refusal" data-code={err instanceof ApiError ? err.code : undefined}>
        {err instanceof ApiError ? err.title : t('errors.INTERNAL')}
      </div>
    ),
    confirmText: t('visits.gotIt'),
  });
}

export function HomeVisits() {
  const { data } = useApi<Newborn[]>(PATH);
  if (!data?.length) return null;
  return (
    <section className="visits-section" data-qa="home-visits" aria-labelledby="home-visits-title">
      <div className="section-head">
        <h2 id="home-visits-title">{t('visits.title')}</h2>
      </div>
      {data.map((n) => (
        <NewbornVisit key={n.id} n={n} />
      ))}
    </section>
  );
}

function NewbornVisit({ n }: { n: Newborn }) {
  const open = n.visits.find((v) => v.status === 'scheduled');
  const done = n.visits.filter((v) => v.status === 'done');
  const unconfirmed = done.findLast((v) => !v.familyConfirmedAt);
  const confirmed = done.findLast((v) => !!v.familyConfirmedAt);
  const s = n.visitState;
  return (
    <article className={`card visit-card state-${s}`} data-qa="visit-card" data-newborn-id={n.id} data-state={s}>
      <div className="visit-top">
        <span className="visit-child" data-qa="visit-child">
          {n.childName}
        </span>
        <span className={`visit-state state-${s}`} data-qa="visit-state">
          {t(`visits.state.${s}`)}
        </span>
      </div>
      <div className="visit-line" data-qa="visit-visitor">
        <UserIcon />
        <span>{n.visitorName ? t('visits.visitor', { name: n.visitorName }) : t('visits.visitorNone')}</span>
      </div>
      {s === 'due' && (
        <div className="visit-line" data-qa="visit-due">
          <CalendarIcon />
          <span>{t('visits.dueBy', { date: plainDay(n.dueBy) })}</span>
        </div>
      )}
      {s === 'overdue' && (
        <p className="visit-note" data-qa="visit-overdue">
          {t('visits.overdue')}
        </p>
      )}
      {s === 'scheduled' && open && <Scheduled n={n} v={open} />}
      {s === 'awaitingConfirmation' && unconfirmed && <AwaitingConfirmation n={n} v={unconfirmed} />}
      {s === 'confirmed' && confirmed?.visitedOn && (
        <div className="visit-line visit-done" data-qa="visit-confirmed">
          <CheckIcon />
          <span>{t('visits.confirmedOn', { date: plainDay(confirmed.visitedOn) })}</span>
        </div>
      )}
    </article>
  );
}

function Scheduled({ n, v }: { n: Newborn; v: Visit }) {
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    if (!note.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await post(`/api/family/visits/${v.id}/reschedule`, { note: note.trim() });
      setAsking(false);
      setNote('');
      Toast.show({ content: t('visits.sent'), position: 'center' });
    } catch (err) {
      await refusal(err);
    } finally {
      setBusy(false);
      void refresh(PATH);
    }
  };

  return (
    <>
      <div className="visit-when" data-qa="visit-scheduled">
        <CalendarIcon />
        <span>{t('visits.scheduledAt', { when: whenText(v.scheduledAt) })}</span>
      </div>
      {v.changeRequested ? (
        <p className="visit-note" data-qa="visit-change-requested">
          {t('visits.changeRequested', { note: v.changeRequested })}
        </p>
      ) : (
        <div className="visit-actions">
          <Button
            size="small"
            shape="rounded"
            fill="outline"
            color="primary"
            data-qa="visit-reschedule"
            aria-label={t('visits.rescheduleAria', { name: n.childName })}
            onClick={() => {
              setMissing(false);
              setAsking(true);
            }}
          >
            {t('visits.reschedule')}
          </Button>
        </div>
      )}
      <Dialog
        visible={asking}
        title={t('visits.rescheduleTitle')}
        onClose={() => setAsking(false)}
        closeOnMaskClick
        content={
          <div className="visit-dialog" data-qa="visit-reschedule-dialog">
            {/* antd-mobile puts aria-* on the wrapper, not the textarea: the hint is the textarea's <label>. */}
            <label className="visit-dialog-hint" htmlFor={`visit-note-${v.id}`}>
              {t('visits.rescheduleHint')}
            </label>
            <TextArea
              id={`visit-note-${v.id}`}
              className="visit-dialog-note"
              data-qa="visit-reschedule-note"
              placeholder={t('visits.notePlaceholder')}
              value={note}
              onChange={(value) => {
                setNote(value);
                if (value.trim()) setMissing(false);
              }}
              maxLength={200}
              rows={3}
              showCount
            />
            {missing && (
              <div className="visit-dialog-error" role="alert" data-qa="visit-reschedule-missing">
                {t('visits.noteRequired')}
              </div>
            )}
          </div>
        }
        actions={[
          [
            { key: 'cancel', text: t('common.cancel'), onClick: () => setAsking(false) },
            {
              key: 'send',
              text: <span data-qa="visit-reschedule-send">{t('visits.send')}</span>,
              bold: true,
              disabled: busy,
              onClick: () => void send(),
            },
          ],
        ]}
      />
    </>
  );
}

function AwaitingConfirmation({ n, v }: { n: Newborn; v: Visit }) {
  const { data: topics } = useTopics();
  const [busy, setBusy] = useState(false);
  const names = v.topics.map((code) => topics?.find((tp) => tp.code === code)?.name ?? code);

  const confirm = async () => {
    setBusy(true);
    try {
      await post(`/api/family/visits/${v.id}/confirm`);
      Toast.show({ content: t('visits.confirmed'), icon: 'success' });
    } catch (err) {
      await refusal(err);
    } finally {
      setBusy(false);
      void refresh(PATH);
    }
  };

  return (
    <div className="visit-confirm" data-qa="visit-awaiting">
      <p className="visit-confirm-title">{t('visits.confirmTitle')}</p>
      <dl className="visit-record">
        {v.visitedOn && (
          <div>
            <dt>{t('visits.visitedOn')}</dt>
            <dd data-qa="visit-visited-on">{dayText(v.visitedOn)}</dd>
          </div>
        )}
        {v.durationMinutes !== null && (
          <div>
            <dt>{t('visits.duration')}</dt>
            <dd data-qa="visit-duration">{t('visits.minutes', { n: v.durationMinutes })}</dd>
          </div>
        )}
        {names.length > 0 && (
          <div>
            <dt>{t('visits.topics')}</dt>
            <dd data-qa="visit-topics">{names.join('、')}</dd>
          </div>
        )}
      </dl>
      <Button
        block
        color="primary"
        shape="rounded"
        loading={busy}
        data-qa="visit-confirm"
        aria-label={t('visits.confirmAria', { name: n.childName })}
        onClick={() => void confirm()}
      >
        {t('visits.confirm')}
      </Button>
    </div>
  );
}
