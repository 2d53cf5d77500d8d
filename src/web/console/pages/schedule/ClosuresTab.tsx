// 停托安排: holidays and closures. Closing a date range cancels its sessions, returns the free sessions and tells
// the families booked; the manager sees at once how many sessions and bookings that was.
import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, post } from '../../../common/api.ts';
import { formatDateTimeZh, formatDateZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useSession } from '../../session.tsx';
import { daysBetween, formPathOf } from '../../format.ts';
import { LoadError } from '../../components/States.tsx';
import type { Closure } from './types.ts';

interface ClosureValues {
  range: [Dayjs, Dayjs] | null;
  reason: string;
}

export function ClosuresTab({ houseId, onChanged }: { houseId: string; onChanged: () => void }) {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const closures = useApi<Closure[]>(`/api/houses/${houseId}/closures`);
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<{ sessions: number; bookings: number; range: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ClosureValues>();
  const canManage = can('schedule.manage');
  const today = dayjs(me.today);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v?.range) return;
    const [from, to] = [v.range[0].format('YYYY-MM-DD'), v.range[1].format('YYYY-MM-DD')];
    setSaving(true);
    try {
      const res = await post<{ sessionsCancelled: number; bookingsCancelled: number }>(`/api/houses/${houseId}/closures`, {
        fromDate: from,
        toDate: to,
        reason: v.reason.trim(),
      });
      setResult({
        sessions: res.sessionsCancelled,
        bookings: res.bookingsCancelled,
        range: from === to ? formatDateZh(from) : `${formatDateZh(from)} – ${formatDateZh(to)}`,
      });
      message.success(t('schedule.closure.saved'));
      setAdding(false);
      form.resetFields();
      closures.reload();
      onChanged();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fields = err.fieldErrors
        .map((f) => ({ name: formPathOf(f.field, { fromDate: ['range'], toDate: ['range'] }), errors: [f.message || err.title] }))
        .filter((f) => ['range', 'reason'].includes(String(f.name[0])));
      if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      else message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  if (closures.error) return <LoadError error={closures.error} onRetry={closures.reload} />;
  const rows = closures.data ?? [];
  return (
    <>
      <Flex gap={12} wrap align="center" className="bbw-toolbar">
        <Typography.Text type="secondary">{t('schedule.closure.hint')}</Typography.Text>
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            style={{ marginInlineStart: 'auto' }}
            onClick={() => setAdding(true)}
            data-qa="closure-add"
          >
            {t('schedule.closure.add')}
          </Button>
        )}
      </Flex>
      {result && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 16 }}
          data-qa="closure-result"
          title={t('schedule.closure.result', { sessions: result.sessions, bookings: result.bookings })}
          description={t('schedule.closure.resultRange', { range: result.range })}
        />
      )}
      <Table<Closure>
        rowKey="id"
        loading={closures.loading}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('schedule.closure.empty')} /> }}
        onRow={() => ({ 'data-qa': 'closure-row' }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('schedule.closure.dates'),
            key: 'dates',
            width: 340,
            render: (_, c) => (
              <Flex gap={8} align="center" wrap>
                <span>
                  {c.fromDate === c.toDate ? formatDateZh(c.fromDate) : `${formatDateZh(c.fromDate)} – ${formatDateZh(c.toDate)}`}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('schedule.closure.days', { n: daysBetween(c.fromDate, c.toDate) + 1 })}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('schedule.closure.state'),
            key: 'state',
            width: 100,
            render: (_, c) =>
              c.toDate < me.today ? (
                <Tag>{t('schedule.closure.past')}</Tag>
              ) : c.fromDate <= me.today ? (
                <Tag color="orange">{t('schedule.closure.now')}</Tag>
              ) : (
                <Tag color="blue">{t('schedule.closure.coming')}</Tag>
              ),
          },
          { title: t('schedule.closure.reason'), dataIndex: 'reason' },
          {
            title: t('schedule.closure.createdAt'),
            dataIndex: 'createdAt',
            width: 220,
            render: (d: string) => <span className="bbw-muted">{formatDateTimeZh(d)}</span>,
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('schedule.closure.addTitle')}
        onOk={submit}
        onCancel={() => setAdding(false)}
        confirmLoading={saving}
        okText={t('schedule.closure.addOk')}
        okButtonProps={{ danger: true, ...({ 'data-qa': 'closure-submit' } as object) }}
        cancelText={t('common.cancel')}
        destroyOnHidden
        width={520}
      >
        <Alert type="warning" showIcon title={t('schedule.closure.warn')} style={{ margin: '12px 0 16px' }} />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="range"
            label={t('schedule.closure.dates')}
            rules={[{ required: true, message: t('schedule.closure.datesRequired') }]}
          >
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              format="YYYY年M月D日"
              disabledDate={(d) => d.isBefore(today, 'day')}
              data-qa="closure-range"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('schedule.closure.reason')}
            extra={t('schedule.reasonSent')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('schedule.reasonRequired') }]}
          >
            <Input maxLength={100} showCount placeholder={t('schedule.closure.reasonPlaceholder')} data-qa="closure-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
