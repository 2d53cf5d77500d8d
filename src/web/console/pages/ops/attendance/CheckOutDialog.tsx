// 离园: the child goes home only with an authorised person — either the one-time 6-digit code the guardian shows on
// the phone, or a person from the family's pickup list whom the carer has checked face to face.
import { relationOf } from './status.ts';
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Input, Modal, Radio, Segmented, Typography } from 'antd';
import { IdcardOutlined, NumberOutlined } from '@ant-design/icons';
import { post } from '../../../../common/api.ts';
import type { AttendanceChild, AttendanceRecord } from '../../../../common/opsTypes.ts';
import { t } from '../../../i18n/index.ts';
import { timeOf } from '../../../format.ts';
import { ChildHeader } from './ChildHeader.tsx';
import { useSubmit } from './useSubmit.ts';

type Method = 'code' | 'list';

export function CheckOutDialog({
  child,
  onClose,
  onDone,
}: {
  child: AttendanceChild;
  onClose: () => void;
  onDone: (record: AttendanceRecord) => void;
}) {
  const { message } = App.useApp();
  const [method, setMethod] = useState<Method>('code');
  const [code, setCode] = useState('');
  const [personId, setPersonId] = useState<string>();
  const [verified, setVerified] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  const ready = method === 'code' ? /^\d{6}$/.test(code) : !!personId && verified;

  async function submit() {
    if (!ready) return;
    const body = method === 'code' ? { method, code } : { method, personId, identityConfirmed: true };
    const record = await run(() => post<AttendanceRecord>(`/api/attendance/${child.attendance!.id}/check-out`, body));
    if (!record) return;
    message.success(t('attendance.checkOut.done', { name: child.childName, by: record.pickedUpBy ?? '' }));
    onDone(record);
  }

  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setError(null);
    };

  return (
    <Modal
      open
      title={t('attendance.checkOut.title')}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      style={{ top: 16 }}
      maskClosable={false}
      data-qa="check-out-dialog"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button size="large" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="large" type="primary" loading={busy} disabled={busy || !ready} onClick={submit} data-qa="check-out-submit">
            {t('attendance.checkOut.ok')}
          </Button>
        </Flex>
      }
    >
      <ChildHeader child={child} />
      {child.attendance && (
        <Typography.Paragraph type="secondary" style={{ margin: '0 0 12px' }}>
          {t('attendance.checkOut.since', { time: timeOf(child.attendance.checkedInAt), by: child.attendance.broughtBy })}
        </Typography.Paragraph>
      )}
      <Segmented<Method>
        block
        size="large"
        value={method}
        onChange={change(setMethod)}
        data-qa="check-out-method"
        options={[
          {
            value: 'code',
            label: (
              <span data-qa="check-out-method-code">
                <NumberOutlined /> {t('attendance.checkOut.byCode')}
              </span>
            ),
          },
          {
            value: 'list',
            label: (
              <span data-qa="check-out-method-list">
                <IdcardOutlined /> {t('attendance.checkOut.byList')}
              </span>
            ),
          },
        ]}
      />

      {method === 'code' ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('attendance.checkOut.codeHint')}</Typography.Paragraph>
          <Input
            size="large"
            className="bbw-code-input"
            value={code}
            maxLength={6}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            placeholder="······"
            onChange={(e) => change(setCode)(e.target.value.replace(/\D/g, ''))}
            onPressEnter={submit}
            data-qa="check-out-code"
          />
        </div>
      ) : (
        <div style={{ marginTop: 16 }}>
          {!child.pickupList.length ? (
            <Alert type="warning" showIcon title={t('attendance.checkOut.noList')} />
          ) : (
            <Radio.Group
              value={personId}
              onChange={(e) => change(setPersonId)(e.target.value as string)}
              className="bbw-pickup-list"
              data-qa="check-out-people"
            >
              {child.pickupList.map((p) => (
                <Radio key={p.id} value={p.id} className="bbw-pickup" data-qa="pickup-person" data-name={p.name}>
                  <Flex align="center" gap={8} wrap>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {p.name}
                    </Typography.Text>
                    <span>{relationOf(p)}</span>
                    <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {p.phoneMasked}
                    </Typography.Text>
                  </Flex>
                </Radio>
              ))}
            </Radio.Group>
          )}
          <Checkbox
            checked={verified}
            onChange={(e) => change(setVerified)(e.target.checked)}
            className="bbw-verify"
            data-qa="check-out-verified"
          >
            {t('attendance.checkOut.verified')}
          </Checkbox>
        </div>
      )}
      {error && (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={error.title} data-qa="check-out-error" data-code={error.code} />
      )}
    </Modal>
  );
}
