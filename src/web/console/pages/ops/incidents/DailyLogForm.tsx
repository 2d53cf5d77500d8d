// Recording a day's disinfection or safety check: the checklist items done, and either 全部正常 or a note on
// the problems found (the note is required then; 全部正常 needs every item done). Mounted per recording (keyed by
// kind), so each opens with its own checklist all ticked.
import { showFormError } from '../../../components/formErrors.ts';
import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { post } from '../../../../common/api.ts';
import type { DailyLog } from '../../../../common/opsTypes.ts';
import { formatDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { CHECKLISTS, type LogKind } from './checklists.ts';

interface LogValues {
  items: string[];
  result: 'ok' | 'problems';
  note?: string;
}

export function DailyLogForm({
  houseId,
  date,
  kind,
  onClose,
  onSaved,
}: {
  houseId: string;
  date: string;
  kind: LogKind;
  onClose: () => void;
  onSaved: (log: DailyLog) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<LogValues>();
  const [saving, setSaving] = useState(false);
  const items = Form.useWatch('items', form) ?? [];
  const result = Form.useWatch('result', form);
  const checklist = CHECKLISTS[kind];
  const complete = checklist.every((i) => items.includes(i));

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const allOk = v.result === 'ok';
      const log = await post<DailyLog>(`/api/houses/${houseId}/daily-logs`, {
        date,
        kind,
        items: checklist.filter((i) => v.items.includes(i)),
        allOk,
        ...(allOk ? {} : { note: v.note?.trim() }),
      });
      message.success(t('incidents.logs.saved', { kind: t(`incidents.logs.kind.${kind}`) }));
      onSaved(log);
    } catch (err) {
      showFormError(form, err, ['items', 'result', 'note'], message.error, { allOk: ['result'] });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      onOk={submit}
      onCancel={onClose}
      confirmLoading={saving}
      width={560}
      destroyOnHidden
      title={t('incidents.logs.form.title', { kind: t(`incidents.logs.kind.${kind}`), date: formatDateZh(date) })}
      okText={t('incidents.logs.form.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ ...({ 'data-qa': 'log-submit' } as object) }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
        data-qa="log-form"
        initialValues={{ items: [...checklist], result: 'ok' }}
        onValuesChange={(changed: Partial<LogValues>) => {
          // Leaving an item undone means not everything is fine.
          if (changed.items && !checklist.every((i) => changed.items?.includes(i))) form.setFieldValue('result', 'problems');
        }}
      >
        <Form.Item
          name="items"
          label={t('incidents.logs.form.items')}
          extra={t('incidents.logs.form.itemsHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('incidents.logs.form.itemsRequired') }]}
        >
          <Checkbox.Group
            data-qa="log-items"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', rowGap: 8 }}
            options={checklist.map((i) => ({ value: i, label: <span data-qa={`log-item-${i}`}>{t(`incidents.logs.items.${i}`)}</span> }))}
          />
        </Form.Item>
        <Form.Item
          name="result"
          label={t('incidents.logs.form.result')}
          rules={[{ required: true }]}
          extra={!complete ? t('incidents.logs.form.allOkNeedsAll') : undefined}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-qa="log-result"
            options={[
              { value: 'ok', label: <span data-qa="log-result-ok">{t('incidents.logs.allOk')}</span>, disabled: !complete },
              { value: 'problems', label: <span data-qa="log-result-problems">{t('incidents.logs.hasProblems')}</span> },
            ]}
          />
        </Form.Item>
        {result === 'problems' && (
          <Form.Item
            name="note"
            label={t('incidents.logs.form.note')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('incidents.logs.form.noteRequired') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={300}
              showCount
              placeholder={t('incidents.logs.form.notePlaceholder')}
              data-qa="log-note"
              autoFocus
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
