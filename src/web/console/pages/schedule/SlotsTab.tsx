// The house's weekly slots (每周排班): the manager adds one — room, weekday, time, 临时托/计时托, the capacity the
// house offers and the usual carers — and its sessions are generated four weeks ahead; stopping a slot keeps the
// sessions already generated. The server's refusals (R2 too long, overlapping) are shown on the form.
import { useMemo, useState, type HTMLAttributes } from 'react';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Switch,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { PauseCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, post } from '../../../common/api.ts';
import type { House } from '../../../common/types.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useRules } from '../../hooks/usePolicy.ts';
import { useSession } from '../../session.tsx';
import { WEEKDAYS, formPathOf } from '../../format.ts';
import { LoadError } from '../../components/States.tsx';
import { ServiceTypeTag } from './tags.tsx';
import { rosterOption } from './rosterOptions.ts';
import type { ScheduleSlot, ServiceType, StaffMember } from './types.ts';

interface SlotValues {
  roomId?: string;
  weekday?: number;
  time?: [Dayjs, Dayjs] | null;
  serviceType: ServiceType;
  offeredCapacity: number | null;
  carerIds: string[];
}

const FIELD_ALIASES: Record<string, (string | number)[]> = { startTime: ['time'], endTime: ['time'] };
const FORM_FIELDS = new Set(['roomId', 'weekday', 'time', 'serviceType', 'offeredCapacity', 'carerIds']);

const minutesOf = (d: Dayjs) => d.hour() * 60 + d.minute();

function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h && m ? t('schedule.slot.durationHM', { h, m }) : h ? t('schedule.slot.durationH', { h }) : t('schedule.slot.durationM', { m });
}

export function SlotsTab({
  house,
  staff,
  onChanged,
}: {
  house: House | undefined;
  staff: StaffMember[] | undefined;
  onChanged: () => void;
}) {
  const { can } = useSession();
  const { message } = App.useApp();
  const slots = useApi<ScheduleSlot[]>(house ? `/api/houses/${house.id}/schedule` : null);
  const [adding, setAdding] = useState(false);
  const [showStopped, setShowStopped] = useState(false);
  const canManage = can('schedule.manage');
  const names = useMemo(() => new Map((staff ?? []).map((p) => [p.id, p.name])), [staff]);

  const all = slots.data ?? [];
  const stopped = all.filter((s) => !s.active).length;
  const rows = showStopped ? all : all.filter((s) => s.active);

  async function deactivate(slot: ScheduleSlot) {
    try {
      slots.setData(await post<ScheduleSlot[]>(`/api/schedule/${slot.id}/deactivate`));
      message.success(t('schedule.slot.stopped'));
      onChanged();
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    }
  }

  if (slots.error) return <LoadError error={slots.error} onRetry={slots.reload} />;
  return (
    <>
      <Flex gap={12} wrap align="center" className="bbw-toolbar">
        <Typography.Text type="secondary">{t('schedule.slot.hint')}</Typography.Text>
        <Flex gap={12} align="center" style={{ marginInlineStart: 'auto' }}>
          {stopped > 0 && (
            <Flex gap={6} align="center">
              <Switch size="small" checked={showStopped} onChange={setShowStopped} />
              <Typography.Text type="secondary">{t('schedule.slot.showStopped', { n: stopped })}</Typography.Text>
            </Flex>
          )}
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              disabled={!house?.rooms.length}
              data-qa="slot-add"
            >
              {t('schedule.slot.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Table<ScheduleSlot>
        rowKey="id"
        loading={slots.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('schedule.slot.empty')} /> }}
        rowClassName={(s) => (s.active ? '' : 'bbw-row-cancelled')}
        onRow={(s) => ({ 'data-qa': 'slot-row', 'data-slot-id': s.id }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('schedule.slot.weekday'),
            dataIndex: 'weekday',
            width: 80,
            render: (d: number) => <Typography.Text strong>{t(`weekdays.${d}`)}</Typography.Text>,
          },
          {
            title: t('schedule.slot.time'),
            key: 'time',
            width: 130,
            render: (_, s) => (
              <span style={{ fontVariantNumeric: 'tabular-nums' }} data-qa="slot-time">
                {s.startTime}–{s.endTime}
              </span>
            ),
          },
          { title: t('schedule.col.room'), dataIndex: 'roomName', width: 120 },
          {
            title: t('schedule.slot.type'),
            dataIndex: 'serviceType',
            width: 90,
            render: (type: ServiceType) => <ServiceTypeTag type={type} />,
          },
          {
            title: t('schedule.slot.offered'),
            dataIndex: 'offeredCapacity',
            width: 110,
            align: 'right',
            render: (n: number) => <span data-qa="slot-offered">{t('houses.persons', { n })}</span>,
          },
          {
            title: t('schedule.slot.carers'),
            key: 'carers',
            render: (_, s) =>
              s.carerIds.length ? (
                s.carerIds.map((id) => names.get(id) ?? t('schedule.slot.unknownStaff')).join('、')
              ) : (
                <Typography.Text type="warning">{t('schedule.noRoster')}</Typography.Text>
              ),
          },
          {
            title: t('schedule.slot.state'),
            dataIndex: 'active',
            width: 90,
            render: (active: boolean) =>
              active ? <Tag color="success">{t('schedule.slot.active')}</Tag> : <Tag>{t('schedule.slot.inactive')}</Tag>,
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, s: ScheduleSlot) =>
                    s.active && (
                      <Popconfirm
                        title={t('schedule.slot.stopConfirm', { day: t(`weekdays.${s.weekday}`), time: `${s.startTime}–${s.endTime}` })}
                        description={<div style={{ maxWidth: 280 }}>{t('schedule.slot.stopHint')}</div>}
                        okText={t('schedule.slot.stop')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => deactivate(s)}
                      >
                        <Button type="link" size="small" danger icon={<PauseCircleOutlined />} data-qa="slot-stop">
                          {t('schedule.slot.stop')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {canManage && house && (
        <SlotModal
          open={adding}
          house={house}
          staff={staff}
          onClose={() => setAdding(false)}
          onSaved={(list) => {
            slots.setData(list);
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function SlotModal({
  open,
  house,
  staff,
  onClose,
  onSaved,
}: {
  open: boolean;
  house: House;
  staff: StaffMember[] | undefined;
  onClose: () => void;
  onSaved: (slots: ScheduleSlot[]) => void;
}) {
  const [form] = Form.useForm<SlotValues>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { message } = App.useApp();
  const rules = useRules();
  const roomId = Form.useWatch('roomId', form) as string | undefined;
  const time = Form.useWatch('time', form) as [Dayjs, Dayjs] | null | undefined;
  const offered = Form.useWatch('offeredCapacity', form) as number | null | undefined;
  const room = house.rooms.find((r) => r.id === roomId);
  const minutes = time?.[0] && time[1] ? minutesOf(time[1]) - minutesOf(time[0]) : null;
  const maxHours = rules?.sessionMaxHours;

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setRefusal(null);
    setSaving(true);
    try {
      const list = await post<ScheduleSlot[]>(`/api/houses/${house.id}/schedule`, {
        roomId: v.roomId,
        weekday: v.weekday,
        startTime: v.time![0].format('HH:mm'),
        endTime: v.time![1].format('HH:mm'),
        serviceType: v.serviceType,
        offeredCapacity: v.offeredCapacity,
        carerIds: v.carerIds ?? [],
      });
      message.success(t('schedule.slot.added'));
      form.resetFields();
      onSaved(list);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const mapped = err.fieldErrors
        .map((f) => ({ path: formPathOf(f.field, FIELD_ALIASES), message: f.message || err.title }))
        .filter((f) => FORM_FIELDS.has(String(f.path[0])));
      // The refusal goes on its field (R2 on the time, an overlap on the time, a roster on the carers), else on top.
      if (mapped.length) form.setFields(mapped.map((f) => ({ name: f.path, errors: [f.message] })) as Parameters<typeof form.setFields>[0]);
      else setRefusal(err.title);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('schedule.slot.addTitle')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      width={600}
      okText={t('schedule.slot.addOk')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterClose={() => setRefusal(null)}
      okButtonProps={{ ...({ 'data-qa': 'slot-submit' } as object) }}
    >
      {refusal && <Alert type="error" showIcon title={refusal} style={{ margin: '12px 0 0' }} data-qa="slot-refusal" />}
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        preserve={false}
        data-qa="slot-form"
        initialValues={{ serviceType: 'temporary', offeredCapacity: 10, carerIds: [] }}
        onValuesChange={() => refusal && setRefusal(null)}
      >
        <Flex gap={16}>
          <Form.Item
            name="roomId"
            label={t('schedule.col.room')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('schedule.slot.roomRequired') }]}
          >
            <Select
              data-qa="slot-room"
              placeholder={t('schedule.slot.roomPlaceholder')}
              options={house.rooms.map((r) => ({
                value: r.id,
                label: t('schedule.slot.roomOption', { name: r.name, n: r.legalCapacity }),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="weekday"
            label={t('schedule.slot.weekday')}
            style={{ width: 150 }}
            rules={[{ required: true, message: t('schedule.slot.weekdayRequired') }]}
          >
            <Select
              data-qa="slot-weekday"
              placeholder={t('schedule.slot.weekdayPlaceholder')}
              options={WEEKDAYS.map((d) => ({ value: d, label: t(`weekdays.${d}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="time"
          label={t('schedule.slot.time')}
          rules={[{ required: true, message: t('schedule.slot.timeRequired') }]}
          extra={
            minutes !== null ? (
              <Typography.Text
                type={minutes <= 0 || (maxHours !== undefined && minutes > maxHours * 60) ? 'danger' : 'secondary'}
                style={{ fontSize: 12 }}
                data-qa="slot-duration"
              >
                {minutes <= 0
                  ? t('schedule.slot.endBeforeStart')
                  : `${durationText(minutes)}${maxHours !== undefined ? t('schedule.slot.maxHours', { h: maxHours }) : ''}`}
              </Typography.Text>
            ) : (
              t('schedule.slot.timeHint', { h: maxHours ?? 4 })
            )
          }
        >
          <TimePicker.RangePicker
            format="HH:mm"
            minuteStep={15}
            needConfirm={false}
            order={false}
            style={{ width: 260 }}
            placeholder={[t('schedule.slot.start'), t('schedule.slot.end')]}
            data-qa="slot-time-range"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="serviceType" label={t('schedule.slot.type')} style={{ flex: 1 }} extra={t('schedule.slot.typeHint')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-qa="slot-type"
              options={(['temporary', 'hourly'] as const).map((s) => ({ value: s, label: t(`schedule.serviceType.${s}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="offeredCapacity"
            label={t('schedule.slot.offered')}
            style={{ width: 200 }}
            rules={[{ required: true, message: t('schedule.slot.offeredRequired') }]}
            extra={
              room && offered != null && offered > room.legalCapacity ? (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t('schedule.slot.aboveRoom', { n: room.legalCapacity })}
                </Typography.Text>
              ) : (
                t('schedule.slot.offeredHint')
              )
            }
          >
            <InputNumber
              min={1}
              max={100}
              precision={0}
              suffix={t('common.unit.person')}
              style={{ width: '100%' }}
              data-qa="slot-offered"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="carerIds" label={t('schedule.slot.carers')} extra={t('schedule.slot.carersHint')}>
          <Select
            mode="multiple"
            data-qa="slot-carers"
            optionFilterProp="label"
            placeholder={t('schedule.rosterPlaceholder')}
            options={(staff ?? []).map(rosterOption)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
