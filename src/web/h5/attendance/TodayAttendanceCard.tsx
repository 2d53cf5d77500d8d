// 今日在园 (首页 and 预约): for each child with a session today, the session's status and the morning health check,
// and the pickup code while the child is in or expected. Shown only when some child has a session today.
import { useEffect, useState } from 'react';
import { t } from '../i18n/index.ts';
import { useSession } from '../session.tsx';
import { useFamily } from '../family/store.ts';
import { timeOf } from '../booking/format.ts';
import { useNow } from '../booking/useNow.ts';
import { useTodayAttendance, type FamilyChildDay } from './store.ts';
import { wantsPickupCode } from './status.ts';
import { SessionDay } from './SessionDay.tsx';
import { PickupCodeRow } from './PickupCodeRow.tsx';
import './attendance.css';

function ChildDay({ userId, child, sex, now }: { userId: string; child: FamilyChildDay; sex?: string; now: number }) {
  return (
    <div className="att-child" data-qa="attendance-child" data-child-id={child.childId}>
      <div className="att-child-head">
        <div className={`child-avatar small ${sex ?? ''}`} aria-hidden="true">
          {child.childName.slice(-1)}
        </div>
        <span className="att-child-name">{child.childName}</span>
      </div>
      {child.sessions.map((s) => (
        <SessionDay key={s.bookingId} s={s} now={now} />
      ))}
      {wantsPickupCode(child, now) && <PickupCodeRow userId={userId} child={child} now={now} />}
    </div>
  );
}

export function TodayAttendanceCard() {
  const { me } = useSession();
  const { data: family } = useFamily();
  const now = useNow(true, 30_000);
  const { data, loading, reload } = useTodayAttendance();
  const [updatedAt, setUpdatedAt] = useState(() => Date.now());

  const children = data?.children.filter((c) => c.sessions.length > 0) ?? [];
  useEffect(() => setUpdatedAt(Date.now()), [data]);

  if (!me || children.length === 0) return null;
  const sexOf = (childId: string) => family?.family?.children.find((c) => c.id === childId)?.sex;
  return (
    <section className="card att-card" data-qa="attendance-card">
      <div className="card-title-row">
        <h2 className="card-title">{t('attendance.title')}</h2>
        <button type="button" className="att-refresh" data-qa="attendance-refresh" disabled={loading} onClick={() => void reload()}>
          {t('attendance.updatedAt', { time: timeOf(new Date(updatedAt).toISOString()) })}{' '}
          <span className={loading ? 'att-spin' : ''}>↻</span>
        </button>
      </div>
      {children.map((c) => (
        <ChildDay key={c.childId} userId={me.user.id} child={c} sex={sexOf(c.childId)} now={now} />
      ))}
    </section>
  );
}
