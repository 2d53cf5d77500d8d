// The day's sessions as big tabs (time, room, how many are in, red when the ratio is broken): one tap opens one.
import { Typography } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import type { AttendanceSession } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeRange } from '../../../format.ts';
import { sessionPhase } from './status.ts';

export function SessionPicker({
  sessions,
  now,
  value,
  onChange,
}: {
  sessions: AttendanceSession[];
  now: string;
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  return (
    <div className="bbw-session-tabs" role="tablist" data-qa="session-tabs">
      {sessions.map((s) => {
        const phase = sessionPhase(s, now);
        const selected = s.id === value;
        return (
          <button
            key={s.id}
            type="button"
            role="tab"
            aria-selected={selected}
            onClick={() => onChange(s.id)}
            className={`bbw-session-tab${selected ? ' selected' : ''}${s.ratio.ok ? '' : ' red'}${phase === 'cancelled' ? ' cancelled' : ''}`}
            data-qa="session-tab"
            data-session-id={s.id}
            data-phase={phase}
          >
            <span className="bbw-session-tab-time">
              {!s.ratio.ok && <WarningFilled style={{ color: '#cf1322', marginInlineEnd: 6 }} />}
              {timeRange(s.startsAt, s.endsAt)}
            </span>
            <Typography.Text type="secondary" className="bbw-session-tab-sub">
              {s.roomName} · {t(`attendance.phase.${phase}`)}
              {phase !== 'cancelled' && ` · ${t('attendance.tabCount', { present: s.ratio.present, booked: s.children.length })}`}
            </Typography.Text>
          </button>
        );
      })}
    </div>
  );
}
