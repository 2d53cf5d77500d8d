// The live panel of one session: children present against the most the room may hold right now, the carers on
// duty and the ratio. It turns red, naming the broken rule (R3 面积, R4 班额, R5 师幼比), whenever the server's
// live check fails, and shows the open ratio alarm (the manager was told when it was raised).
import { Flex, Typography } from 'antd';
import { AlertFilled, CheckCircleFilled, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { formatArea } from '../../../../common/i18n.ts';
import type { AttendanceSession } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeOf } from '../../../format.ts';

/** Children per carer on duty now: '1:3', '1:2.5'; '—' with nobody on duty or no child present yet. */
/** Children per carer on duty, as the standard states its limit (每名保育人员最多照护 5 名), never as "1:0.5". */
function childrenPerCarerNow(present: number, carers: number): string {
  if (!carers) return t('common.dash');
  return t('attendance.live.perCarerValue', { n: Math.round((present / carers) * 10) / 10 });
}

export function LivePanel({ session }: { session: AttendanceSession }) {
  const { ratio, alarm } = session;
  const red = !ratio.ok;
  const onDuty = session.carers.filter((c) => c.onDuty);
  const ratioCarers = onDuty.filter((c) => c.countsForRatio);
  const room = Math.max(0, ratio.maxChildren - ratio.present);
  return (
    <section
      className={`bbw-live ${red ? 'bbw-live-red' : 'bbw-live-ok'}`}
      data-qa="live-panel"
      data-ok={String(ratio.ok)}
      aria-live="polite"
    >
      <Flex align="center" gap={10} className="bbw-live-head">
        {red ? <AlertFilled /> : <CheckCircleFilled />}
        <Typography.Text strong className="bbw-live-verdict" data-qa="live-verdict">
          {t(red ? 'attendance.live.broken' : 'attendance.live.ok')}
        </Typography.Text>
      </Flex>

      <div className="bbw-live-figures">
        <div className="bbw-live-figure">
          <div className="bbw-live-label">{t('attendance.live.present')}</div>
          <div className="bbw-live-value" data-qa="live-count">
            <span data-qa="live-present">{ratio.present}</span>
            <span className="bbw-live-of"> / </span>
            <span data-qa="live-max">{ratio.maxChildren}</span>
          </div>
          <div className="bbw-live-sub">
            {red ? t('attendance.live.over', { n: ratio.present - ratio.maxChildren }) : t('attendance.live.room', { n: room })}
          </div>
        </div>
        <div className="bbw-live-figure">
          <div className="bbw-live-label">{t('attendance.live.carers')}</div>
          <div className="bbw-live-value" data-qa="live-carers">
            {ratio.carersOnDuty}
            <span className="bbw-live-unit">{t('attendance.live.personUnit')}</span>
          </div>
          <div className="bbw-live-sub" data-qa="live-carer-names">
            {ratioCarers.length ? (
              <>
                <UserOutlined /> {ratioCarers.map((c) => c.name).join('、')}
              </>
            ) : (
              t('attendance.live.noCarers')
            )}
          </div>
        </div>
        <div className="bbw-live-figure">
          <div className="bbw-live-label">{t('attendance.live.ratio')}</div>
          <div className="bbw-live-value" data-qa="live-ratio">
            {childrenPerCarerNow(ratio.present, ratio.carersOnDuty)}
          </div>
          <div className="bbw-live-sub">
            <TeamOutlined /> {t('attendance.live.ratioHint', { n: ratio.childrenPerCarer })}
          </div>
        </div>
      </div>

      {red && (
        <ul className="bbw-live-breaches" data-qa="live-breaches">
          {ratio.breaches.map((rule) => (
            <li key={rule} data-qa="live-breach" data-rule={rule}>
              {t(`attendance.breach.${rule === 'R5' && !ratio.carersOnDuty ? 'R5none' : rule}`, {
                present: ratio.present,
                max: ratio.maxChildren,
                carers: ratio.carersOnDuty,
                area: formatArea(session.areaM2),
                ratio: ratio.childrenPerCarer,
              })}
            </li>
          ))}
          <li className="bbw-live-todo">{t('attendance.live.todo')}</li>
        </ul>
      )}
      {alarm && (
        <div className="bbw-live-alarm" data-qa="live-alarm">
          {t('attendance.live.alarm', { time: timeOf(alarm.raisedAt), cause: t(`attendance.alarmCause.${alarm.cause}`) })}
        </div>
      )}
    </section>
  );
}
