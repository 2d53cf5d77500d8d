// Publishing or changing a guidance event: what, for whom (age band, child along or not), who leads it, in person
// (a place) or live online (a meeting link), when and how many seats. The server's field errors go on the fields.
import { useEffect, useState } from 'react';
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, TimePicker } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { post, put } from '../../../common/api.ts';
import type { Res } from '../../../common/wire.ts';
import { locale, t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { timeOf } from '../../format.ts';
import { showFormError } from '../../components/formErrors.ts';
import type { GuidanceEvent } from './tags.tsx';

type Topic = Res<'/api/guidance/topics', 'get'>[number];
type ChangePreview = Res<'/api/guidance/manage/events/{id}/change-preview', 'post'>;

interface Values {
  title: string;
  topic: string;
  minAgeMonths: number;
  maxAgeMonths: number;
  leader: string;
  description?: string;
  mode: 'offline' | 'online';
  place?: string;
  meetingUrl?: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  seats: number;
  childComes: boolean;
}

const FIELDS = [
  'title',
  'topic',
  'minAgeMonths',
  'maxAgeMonths',
  'leader',
  'description',
  'mode',
  'place',
  'meetingUrl',
  'date',
  'time',
  'seats',
  'childComes',
];

export function EventFormModal(props: {
  open: boolean;
  event: GuidanceEvent | null;
  onClose: () => void;
  /** `told`: how many enrolled families the change was told to. */
  onSaved: (saved: GuidanceEvent, created: boolean, told: number) => void;
}) {
  const { open, event } = props;
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const topics = useApi<Topic[]>(open ? '/api/guidance/topics' : null);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (event) {
      const hm = (iso: string) => dayjs(`${event.date}T${timeOf(iso)}`);
      form.setFieldsValue({
        title: event.title,
        topic: event.topic,
        minAgeMonths: event.minAgeMonths,
        maxAgeMonths: event.maxAgeMonths,
        leader: event.leader,
        description: event.description,
        mode: event.mode,
        place: event.place ?? undefined,
        date: dayjs(event.date),
        time: [hm(event.startsAt), hm(event.endsAt)],
        seats: event.seats,
        childComes: event.childComes,
      });
    }
  }, [open, event, form]);

  const confirmChange = (preview: ChangePreview) =>
    new Promise<boolean>((resolve) => {
      modal.confirm({
        title: t('guidance.form.changeTitle'),
        content: (
          <div data-qa="event-change-warning" data-families={preview.families}>
            <p style={{ marginBottom: 4 }}>{t('guidance.form.changeBody', { n: preview.families })}</p>
            <p style={{ margin: 0, color: 'var(--ant-color-text-secondary)' }}>
              {t('guidance.form.changeWhat', {
                what: preview.changes.map((c) => t(`guidance.form.changes.${c}`)).join(locale === 'en' ? ', ' : '、'),
              })}
            </p>
          </div>
        ),
        okText: t('guidance.form.changeConfirm'),
        cancelText: t('guidance.form.changeBack'),
        okButtonProps: { 'data-qa': 'event-change-confirm' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    const body = {
      title: v.title.trim(),
      topic: v.topic,
      minAgeMonths: v.minAgeMonths,
      maxAgeMonths: v.maxAgeMonths,
      leader: v.leader.trim(),
      description: v.description?.trim() ?? '',
      mode: v.mode,
      place: v.mode === 'offline' ? (v.place?.trim() ?? null) : null,
      meetingUrl: v.mode === 'online' ? (v.meetingUrl?.trim() ?? null) : null,
      date: v.date.format('YYYY-MM-DD'),
      startTime: v.time[0].format('HH:mm'),
      endTime: v.time[1].format('HH:mm'),
      seats: v.seats,
      childComes: v.childComes,
    };
    try {
      let told = 0;
      if (event) {
        // A new time, place, link or mode is told to every enrolled family: the server says whether this is one.
        const preview = await post<ChangePreview>(`/api/guidance/manage/events/${event.id}/change-preview`, body);
        if (preview.changes.length && preview.families > 0) {
          if (!(await confirmChange(preview))) return;
          told = preview.families;
        }
      }
      const saved = event
        ? await put<GuidanceEvent>(`/api/guidance/manage/events/${event.id}`, body)
        : await post<GuidanceEvent>('/api/guidance/manage/events', body);
      props.onSaved(saved, !event, told);
    } catch (err) {
      showFormError(form, err, FIELDS, (text) => message.error(text), {
        startTime: ['time'],
        endTime: ['time'],
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={event ? t('guidance.form.editTitle') : t('guidance.form.createTitle')}
      width={720}
      onCancel={props.onClose}
      onOk={submit}
      okText={event ? t('common.save') : t('guidance.publish')}
      okButtonProps={{ loading: saving, 'data-qa': 'event-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        data-qa="event-form"
        initialValues={{ mode: 'offline', childComes: true, minAgeMonths: 0, maxAgeMonths: 36, seats: 20 }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item
              name="title"
              label={t('guidance.form.title')}
              rules={[{ required: true, whitespace: true, message: t('guidance.form.titleRequired') }]}
            >
              <Input maxLength={60} showCount data-qa="event-title" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="topic"
              label={t('guidance.form.topic')}
              rules={[{ required: true, message: t('guidance.form.topicRequired') }]}
            >
              <Select
                loading={topics.loading}
                options={(topics.data ?? []).map((x) => ({ value: x.code, label: x.name }))}
                data-qa="event-topic"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="minAgeMonths"
              label={t('guidance.form.minAge')}
              rules={[{ required: true, message: t('guidance.form.ageRequired') }]}
            >
              <InputNumber
                min={0}
                max={72}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('guidance.form.months')}
                data-qa="event-min-age"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="maxAgeMonths"
              label={t('guidance.form.maxAge')}
              dependencies={['minAgeMonths']}
              rules={[
                { required: true, message: t('guidance.form.ageRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v: number | null) =>
                    v == null || v >= (getFieldValue('minAgeMonths') ?? 0)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('guidance.form.ageOrder'))),
                }),
              ]}
            >
              <InputNumber
                min={0}
                max={72}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('guidance.form.months')}
                data-qa="event-max-age"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="leader"
              label={t('guidance.form.leader')}
              rules={[{ required: true, whitespace: true, message: t('guidance.form.leaderRequired') }]}
            >
              <Input maxLength={40} data-qa="event-leader" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('guidance.form.description')}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-qa="event-description" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="mode" label={t('guidance.form.mode')}>
              <Radio.Group optionType="button" data-qa="event-mode">
                <Radio.Button value="offline">{t('guidance.modes.offline')}</Radio.Button>
                <Radio.Button value="online">{t('guidance.modes.online')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col span={16}>
            {mode === 'online' ? (
              <Form.Item
                name="meetingUrl"
                label={t('guidance.form.meetingUrl')}
                extra={event ? t('guidance.form.meetingUrlEditHint') : t('guidance.form.meetingUrlHint')}
                rules={[{ required: true, whitespace: true, message: t('guidance.form.meetingUrlRequired') }]}
              >
                <Input maxLength={500} placeholder="https://" data-qa="event-meeting-url" />
              </Form.Item>
            ) : (
              <Form.Item
                name="place"
                label={t('guidance.form.place')}
                rules={[{ required: true, whitespace: true, message: t('guidance.form.placeRequired') }]}
              >
                <Input maxLength={120} data-qa="event-place" />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="date" label={t('guidance.form.date')} rules={[{ required: true, message: t('guidance.form.dateRequired') }]}>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-qa="event-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="time" label={t('guidance.form.time')} rules={[{ required: true, message: t('guidance.form.timeRequired') }]}>
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} data-qa="event-time" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="seats"
              label={t('guidance.form.seats')}
              rules={[{ required: true, message: t('guidance.form.seatsRequired') }]}
            >
              <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} data-qa="event-seats" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="childComes" valuePropName="checked" extra={t('guidance.form.childComesHint')} style={{ marginBottom: 0 }}>
          <Checkbox data-qa="event-child-comes">{t('guidance.form.childComes')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
