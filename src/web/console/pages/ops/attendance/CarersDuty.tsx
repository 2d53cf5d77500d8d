// The session's roster with who is on duty: a carer stepping out (离岗) or coming back (返岗) is recorded at once
// and the live ratio follows; stepping out warns that the panel turns red if too few carers are left (R5).
import { useState } from 'react';
import { App, Button, Flex, Modal, Tag, Typography } from 'antd';
import { LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import { ApiError, put } from '../../../../common/api.ts';
import type { AttendanceSession } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeOf } from '../../../format.ts';

type Carer = AttendanceSession['carers'][number];

export function CarersDuty({
  session,
  editable,
  onChanged,
}: {
  session: AttendanceSession;
  editable: boolean;
  onChanged: (updated?: AttendanceSession) => void;
}) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState<Carer | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(c: Carer) {
    setBusy(true);
    try {
      const updated = await put<AttendanceSession>(`/api/staff/sessions/${session.id}/duty`, { userId: c.userId, onDuty: !c.onDuty });
      message.success(t(c.onDuty ? 'attendance.duty.leftDone' : 'attendance.duty.backDone', { name: c.name }));
      setAsking(null);
      onChanged(updated);
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    } finally {
      setBusy(false);
    }
  }

  if (!session.carers.length) return <Typography.Text type="warning">{t('attendance.duty.none')}</Typography.Text>;
  // Whether stepping out would leave fewer carers than the children present need (a warning; the server decides).
  const wouldBreak = (c: Carer) =>
    c.countsForRatio &&
    session.ratio.childrenPerCarer > 0 &&
    session.ratio.present > (session.ratio.carersOnDuty - 1) * session.ratio.childrenPerCarer;

  return (
    <>
      <div className="bbw-duty-list" data-qa="duty-list">
        {session.carers.map((c) => (
          <div
            key={c.userId}
            className={`bbw-duty ${c.onDuty ? '' : 'bbw-duty-off'}`}
            data-qa="duty-row"
            data-name={c.name}
            data-on-duty={String(c.onDuty)}
          >
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Typography.Text strong className="bbw-duty-name">
                {c.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t(`roles.${c.role}`)}
                {!c.countsForRatio && t('attendance.duty.notCounted')}
              </Typography.Text>
            </Flex>
            <Flex align="center" gap={8} wrap justify="flex-end">
              {c.onDuty ? (
                <Tag color="success" data-qa="duty-status">
                  {t('attendance.duty.on')}
                </Tag>
              ) : (
                <Tag color="default" data-qa="duty-status">
                  {c.offDutyAt ? t('attendance.duty.offSince', { time: timeOf(c.offDutyAt) }) : t('attendance.duty.off')}
                </Tag>
              )}
              {editable && (
                <Button
                  size="large"
                  danger={c.onDuty}
                  icon={c.onDuty ? <LogoutOutlined /> : <LoginOutlined />}
                  onClick={() => setAsking(c)}
                  data-qa={c.onDuty ? 'duty-leave' : 'duty-return'}
                >
                  {t(c.onDuty ? 'attendance.duty.leave' : 'attendance.duty.return')}
                </Button>
              )}
            </Flex>
          </div>
        ))}
      </div>
      <Modal
        open={!!asking}
        title={asking ? t(asking.onDuty ? 'attendance.duty.leaveTitle' : 'attendance.duty.returnTitle', { name: asking.name }) : ''}
        okText={asking ? t(asking.onDuty ? 'attendance.duty.leaveOk' : 'attendance.duty.returnOk') : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: asking?.onDuty, size: 'large', ...({ 'data-qa': 'duty-confirm' } as object) }}
        cancelButtonProps={{ size: 'large' }}
        confirmLoading={busy}
        onOk={() => asking && save(asking)}
        onCancel={() => setAsking(null)}
        destroyOnHidden
        width={460}
      >
        {asking && (
          <Typography.Paragraph
            style={{ margin: '8px 0 0' }}
            type={asking.onDuty && wouldBreak(asking) ? 'danger' : undefined}
            data-qa="duty-confirm-text"
          >
            {!asking.onDuty
              ? t('attendance.duty.returnHint')
              : wouldBreak(asking)
                ? t('attendance.duty.leaveBreaks', { present: session.ratio.present })
                : t('attendance.duty.leaveHint')}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
