// 新增/编辑房间: name and usable area, with the legal capacity shown live as the area is typed (R3, R4).
import { useEffect, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { ApiError, patch, post } from '../../common/api.ts';
import type { Room } from '../../common/types.ts';
import { roomLegalCapacity } from '../../../domain/capacity.ts';
import { t } from '../i18n/index.ts';
import type { ConsoleRules } from '../hooks/usePolicy.ts';
import { capacityBasis, formPathOf } from '../format.ts';

interface Values {
  name: string;
  areaM2: number | null;
}

export function CapacityPreview({
  areaM2,
  rules,
  compact,
}: {
  areaM2: number | null | undefined;
  rules: ConsoleRules | undefined;
  compact?: boolean;
}) {
  if (!rules || !areaM2 || areaM2 <= 0) return <Typography.Text type="secondary">{t('common.dash')}</Typography.Text>;
  const cap = roomLegalCapacity(areaM2, rules);
  const basis = capacityBasis({ areaM2, binding: cap.binding as Room['binding'], legalCapacity: cap.capacity }, rules);
  return (
    <span>
      <Typography.Text strong data-qa="room-capacity-preview">
        {compact ? t('houses.persons', { n: cap.capacity }) : t('rooms.preview', { n: cap.capacity })}
      </Typography.Text>
      <Typography.Text type="secondary"> {t('rooms.previewBasis', { basis })}</Typography.Text>
    </span>
  );
}

export function RoomModal(props: {
  open: boolean;
  houseId: string;
  room: Room | null;
  rules: ConsoleRules | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { open, houseId, room, rules, onClose, onSaved } = props;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const area = Form.useWatch('areaM2', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ name: room?.name ?? '', areaM2: room?.areaM2 ?? null });
  }, [open, room, form]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const body = { name: v.name.trim(), areaM2: v.areaM2 };
      if (room) await patch(`/api/rooms/${room.id}`, body);
      else await post(`/api/houses/${houseId}/rooms`, body);
      message.success(t('rooms.saved'));
      onSaved();
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = err.fieldErrors
          .map((f) => ({ name: formPathOf(f.field) as (string | number)[], errors: [f.message || err.title] }))
          .filter((f) => f.name[0] === 'name' || f.name[0] === 'areaM2');
        if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
        else message.error(err.title);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={room ? t('rooms.editTitle') : t('rooms.addTitle')}
      onOk={submit}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={460}
    >
      <Form form={form} layout="vertical" style={{ marginTop: 16 }} data-qa="room-form">
        <Form.Item
          name="name"
          label={t('rooms.name')}
          rules={[{ required: true, whitespace: true, message: t('rooms.nameRequired') }, { max: 30 }]}
        >
          <Input placeholder={t('rooms.namePlaceholder')} maxLength={30} data-qa="room-form-name" />
        </Form.Item>
        <Form.Item
          name="areaM2"
          label={t('rooms.area')}
          rules={[{ required: true, message: t('rooms.areaRequired') }]}
          extra={<CapacityPreview areaM2={area} rules={rules} />}
        >
          <InputNumber min={0.1} max={2000} step={1} style={{ width: '100%' }} suffix="㎡" data-qa="room-form-area" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
