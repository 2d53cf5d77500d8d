// The children booked into one session, one row each — name, age, sex, allergies (highlighted), status with the
// check-in and check-out details, the red flags — and the action that fits the child's state, big enough for a
// finger on a tablet.
import { Button, Empty, Flex, Tag, Typography } from 'antd';
import { ExportOutlined, LoginOutlined, WarningFilled } from '@ant-design/icons';
import type { AttendanceChild, AttendanceSession } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { ageText, timeOf } from '../../../format.ts';
import { childStatus, countByStatus, type ChildStatus } from './status.ts';

const STATUS_COLOR: Record<ChildStatus, string> = { expected: 'default', present: 'processing', left: 'success', refused: 'error' };

function Details({ child }: { child: AttendanceChild }) {
  const a = child.attendance;
  if (!a) return null;
  const checkIn = t(a.admitted ? 'attendance.child.inLine' : 'attendance.child.refusedLine', {
    time: timeOf(a.checkedInAt),
    temperature: a.temperature.toFixed(1),
    by: a.broughtBy,
  });
  return (
    <Flex vertical gap={2} className="bbw-child-details">
      <span data-qa="child-checkin">{checkIn}</span>
      {a.observations && <span>{t('attendance.child.observations', { text: a.observations })}</span>}
      {a.refusalReason && <Typography.Text type="danger">{t('attendance.child.reason', { text: a.refusalReason })}</Typography.Text>}
      {a.checkedOutAt && (
        <span data-qa="child-checkout">
          {t('attendance.child.outLine', {
            time: timeOf(a.checkedOutAt),
            by: a.pickedUpBy ?? t('common.dash'),
            method: a.pickupMethod ? t(`attendance.method.${a.pickupMethod}`) : '',
          })}
        </span>
      )}
    </Flex>
  );
}

export function ChildrenList({
  session,
  canCheckIn,
  canCheckOut,
  onCheckIn,
  onCheckOut,
}: {
  session: AttendanceSession;
  /** Check-in is possible now (today, open, the user may record). */
  canCheckIn: boolean;
  canCheckOut: boolean;
  onCheckIn: (child: AttendanceChild) => void;
  onCheckOut: (child: AttendanceChild) => void;
}) {
  const counts = countByStatus(session.children);
  // The server's order, kept as the children come and go, so a row never jumps away from the finger about to tap it.
  const children = session.children;
  return (
    <>
      <Flex gap={8} wrap className="bbw-child-summary" data-qa="children-summary">
        <span>{t('attendance.summary.booked', { n: session.children.length })}</span>
        {(['present', 'expected', 'left', 'refused'] as ChildStatus[]).map((s) => (
          <Tag key={s} color={STATUS_COLOR[s]} data-qa={`summary-${s}`}>
            {t(`attendance.status.${s}`)} {counts[s]}
          </Tag>
        ))}
      </Flex>
      {!children.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.noChildren')} />}
      <div className="bbw-children" data-qa="children">
        {children.map((c) => {
          const status = childStatus(c);
          return (
            <div
              key={c.bookingId}
              className={`bbw-child bbw-child-${status}`}
              data-qa="child-row"
              data-child={c.childName}
              data-status={status}
            >
              <div className="bbw-child-main">
                <Flex align="baseline" gap={8} wrap>
                  <Typography.Text strong className="bbw-child-name">
                    {c.childName}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t(`sex.${c.sex}`)} · {ageText(c.ageMonths)}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} wrap style={{ marginTop: 6 }}>
                  <Tag color={STATUS_COLOR[status]} className="bbw-tag-big" data-qa="child-status">
                    {t(`attendance.status.${status}`)}
                  </Tag>
                  {c.allergies && (
                    <Tag color="orange" icon={<WarningFilled />} className="bbw-tag-big" data-qa="child-allergies">
                      {t('attendance.child.allergies', { text: c.allergies })}
                    </Tag>
                  )}
                  {c.flags.overdue && (
                    <Tag color="red" className="bbw-tag-big" data-qa="flag-overdue">
                      {t('attendance.flags.overdue')}
                    </Tag>
                  )}
                  {c.flags.overDailyLimit && (
                    <Tag color="red" className="bbw-tag-big" data-qa="flag-over-daily">
                      {t('attendance.flags.overDailyLimit')}
                    </Tag>
                  )}
                </Flex>
                <Details child={c} />
              </div>
              <div className="bbw-child-actions">
                {status === 'expected' && canCheckIn && (
                  <Button type="primary" size="large" icon={<LoginOutlined />} onClick={() => onCheckIn(c)} data-qa="check-in">
                    {t('attendance.checkIn.button')}
                  </Button>
                )}
                {/* Turned away earlier: a second check (e.g. the temperature taken again) may admit the child. */}
                {status === 'refused' && canCheckIn && (
                  <Button size="large" icon={<LoginOutlined />} onClick={() => onCheckIn(c)} data-qa="check-in-again">
                    {t('attendance.checkIn.again')}
                  </Button>
                )}
                {status === 'present' && canCheckOut && (
                  <Button
                    size="large"
                    icon={<ExportOutlined />}
                    onClick={() => onCheckOut(c)}
                    data-qa="check-out"
                    type={c.flags.overdue ? 'primary' : 'default'}
                    danger={c.flags.overdue}
                  >
                    {t('attendance.checkOut.button')}
                  </Button>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </>
  );
}
