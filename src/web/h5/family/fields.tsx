// Form fields of the family screens: a date, a street and the sex as form controls, and the field groups of a
// child and of a pickup person / emergency contact (used by the registration wizard and by the edit screens).
import { birthDateProblem } from '../../../domain/eligibility.ts';
import { ageInMonths } from '../../../domain/time.ts';
import { useState } from 'react';
import { Checkbox, DatePicker, Form, Input, Picker, Selector, TextArea } from 'antd-mobile';
import type { FormInstance } from 'antd-mobile/es/components/form';
import type { PublicStreet } from '../../common/types.ts';
import type { Sex } from '../../common/familyTypes.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import {
  addYears,
  ageText,
  birthDateOfId,
  digitsOnly,
  fromLocalDate,
  idNumberProblem,
  idNumberRule,
  normalizeId,
  phoneRule,
  sexOfId,
  toLocalDate,
} from './helpers.ts';

type Path = (string | number)[];

/**
 * A date as 'YYYY-MM-DD', chosen on a wheel; shown as 2026年12月1日 周二. While empty, the wheel starts at
 * `start` (default `max`) — the district's dates, not the phone's clock.
 */
export function DateField({
  value,
  onChange,
  min,
  max,
  start,
  placeholder,
  title,
  qa,
}: {
  value?: string;
  onChange?: (v: string) => void;
  min: string;
  max: string;
  start?: string;
  placeholder: string;
  title?: string;
  qa?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <div
        className={value ? 'field-value' : 'field-value placeholder'}
        role="button"
        tabIndex={0}
        data-qa={qa}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => e.key === 'Enter' && setOpen(true)}
      >
        {value ? formatPlainDateZh(value) : placeholder}
      </div>
      <DatePicker
        visible={open}
        title={title}
        min={fromLocalDate(min)}
        max={fromLocalDate(max)}
        value={fromLocalDate(value || start || max)}
        onClose={() => setOpen(false)}
        onConfirm={(d) => onChange?.(toLocalDate(d))}
        renderLabel={(type, data) =>
          type === 'year' ? `${data}年` : type === 'month' ? `${data}月` : type === 'day' ? `${data}日` : String(data)
        }
      />
    </>
  );
}

/** One of the district's streets. */
export function StreetField({
  value,
  onChange,
  streets,
  qa,
}: {
  value?: string;
  onChange?: (v: string) => void;
  streets: PublicStreet[];
  qa?: string;
}) {
  const [open, setOpen] = useState(false);
  const street = streets.find((s) => s.id === value);
  return (
    <>
      <div
        className={street ? 'field-value' : 'field-value placeholder'}
        role="button"
        tabIndex={0}
        data-qa={qa}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => e.key === 'Enter' && setOpen(true)}
      >
        {street ? street.name : t('family.field.streetPh')}
      </div>
      <Picker
        visible={open}
        title={t('family.field.street')}
        columns={[streets.map((s) => ({ label: s.name, value: s.id }))]}
        value={value ? [value] : []}
        onClose={() => setOpen(false)}
        onConfirm={(v) => v[0] && onChange?.(String(v[0]))}
      />
    </>
  );
}

export function SexField({ value, onChange, qa }: { value?: Sex; onChange?: (v: Sex) => void; qa?: string }) {
  return (
    <Selector
      className="sex-selector"
      data-qa={qa}
      columns={2}
      showCheckMark={false}
      options={[
        { label: t('sex.male'), value: 'male' },
        { label: t('sex.female'), value: 'female' },
      ]}
      value={value ? [value] : []}
      onChange={(v) => v[0] && onChange?.(v[0] as Sex)}
    />
  );
}

const required = (label: string) => ({ required: true, whitespace: true, message: t('family.v.required', { label }) });
const selectRequired = (label: string) => ({ required: true, message: t('family.v.select', { label }) });

/** Paths of the ID numbers among the changed values (`changed` as a form's onValuesChange gives it). */
function changedIdPaths(node: unknown, path: Path = []): Path[] {
  if (!node || typeof node !== 'object') return [];
  const out: Path[] = [];
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const key = Array.isArray(node) ? Number(k) : k;
    if (k === 'idNumber' && typeof v === 'string') out.push([...path, key]);
    else out.push(...changedIdPaths(v, [...path, key]));
  }
  return out;
}

/**
 * Call from a form's onValuesChange. Once an ID number typed is valid, its error goes at once (not only when the
 * field is left); for a child (`childPaths` says which paths are children), its birth date and sex are filled
 * from it — they must agree with it anyway.
 */
export function onIdNumberChange(form: FormInstance, changed: Record<string, unknown>, isChild: (parent: Path) => boolean) {
  for (const path of changedIdPaths(changed)) {
    const value = form.getFieldValue(path) as string | undefined;
    if (!value || idNumberProblem(value)) continue;
    const parent = path.slice(0, -1);
    const fields: { name: Path; value?: unknown; errors: string[] }[] = [{ name: path, errors: [] }];
    if (isChild(parent)) {
      fields.push({ name: [...parent, 'birthDate'], value: birthDateOfId(value), errors: [] });
      fields.push({ name: [...parent, 'sex'], value: sexOfId(value), errors: [] });
    }
    form.setFields(fields);
  }
}

/**
 * A child's fields. `name` is the path inside the form (e.g. [0] inside a Form.Array of children, [] on its own),
 * `absolute` the full path (for reading sibling values). With `maskedId` the ID number may stay empty (kept).
 */
export function ChildFields({
  name,
  absolute,
  streets,
  today,
  maxAgeMonths,
  maskedId,
  qa = 'child',
}: {
  name: Path;
  absolute: Path;
  streets: PublicStreet[];
  today: string;
  /** The oldest age served (R1, from the policy in force); the birth date is checked against it where it is entered. */
  maxAgeMonths?: number;
  maskedId?: string;
  qa?: string;
}) {
  return (
    <>
      <Form.Item name={[...name, 'name']} label={t('family.field.childName')} rules={[required(t('family.field.childName'))]}>
        <Input placeholder={t('family.field.childNamePh')} maxLength={30} data-qa={`${qa}-name`} />
      </Form.Item>
      <Form.Item
        name={[...name, 'idNumber']}
        label={t('family.field.idNumber')}
        required={!maskedId}
        normalize={normalizeId}
        validateTrigger="onBlur"
        rules={[idNumberRule(!!maskedId)]}
      >
        <Input
          placeholder={maskedId ? t('family.field.idKeepPh', { masked: maskedId }) : t('family.field.childIdPh')}
          maxLength={18}
          autoComplete="off"
          data-qa={`${qa}-id`}
        />
      </Form.Item>
      <Form.Item
        name={[...name, 'birthDate']}
        label={t('family.field.birthDate')}
        dependencies={[[...absolute, 'idNumber']]}
        rules={[
          selectRequired(t('family.field.birthDate')),
          ({ getFieldValue }) => ({
            validator: async (_: unknown, v: unknown) => {
              if (typeof v !== 'string' || !v) return;
              const problem = birthDateProblem(v, today, maxAgeMonths ?? Number.POSITIVE_INFINITY);
              if (problem === 'future') throw new Error(t('family.v.birthFuture'));
              if (problem === 'tooOld') throw new Error(t('errors.CHILD_AGE_OUT_OF_RANGE'));
              const id = getFieldValue([...absolute, 'idNumber']);
              if (typeof id === 'string' && id && !idNumberProblem(id) && birthDateOfId(id) !== v) {
                throw new Error(t('errors.BIRTH_DATE_MISMATCH'));
              }
            },
          }),
        ]}
        arrow
      >
        <DateField
          min={addYears(today, -4)}
          max={today}
          start={addYears(today, -2)}
          placeholder={t('family.field.birthDatePh')}
          title={t('family.field.birthDate')}
          qa={`${qa}-birth`}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {(form) => {
          const birth = form.getFieldValue([...absolute, 'birthDate']) as string | undefined;
          const id = form.getFieldValue([...absolute, 'idNumber']) as string | undefined;
          if (!birth || birth > today) return null;
          const fromId = !!id && !idNumberProblem(id) && birthDateOfId(id) === birth;
          return (
            <div className="field-note" data-qa={`${qa}-age`}>
              {t('family.field.ageToday', { age: ageText(ageInMonths(birth, today)) })}
              {fromId && <span className="muted"> · {t('family.field.birthFromId')}</span>}
            </div>
          );
        }}
      </Form.Item>
      <Form.Item name={[...name, 'sex']} label={t('family.field.sex')} rules={[selectRequired(t('family.field.sex'))]}>
        <SexField qa={`${qa}-sex`} />
      </Form.Item>
      <Form.Item
        name={[...name, 'residenceStreetId']}
        label={t('family.field.street')}
        rules={[selectRequired(t('family.field.street'))]}
        arrow
      >
        <StreetField streets={streets} qa={`${qa}-street`} />
      </Form.Item>
      <Form.Item name={[...name, 'allergies']} label={t('family.field.allergies')}>
        <TextArea
          placeholder={t('family.field.allergiesPh')}
          rows={1}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          data-qa={`${qa}-allergies`}
        />
      </Form.Item>
      <Form.Item name={[...name, 'history']} label={t('family.field.history')}>
        <TextArea
          placeholder={t('family.field.historyPh')}
          rows={1}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={1000}
          data-qa={`${qa}-history`}
        />
      </Form.Item>
      <Form.Item
        name={[...name, 'declaredTruthfully']}
        valuePropName="checked"
        className="declare-item"
        rules={[
          {
            validator: async (_: unknown, v: unknown) => {
              if (v !== true) throw new Error(t('family.v.declared'));
            },
          },
        ]}
      >
        <Checkbox data-qa={`${qa}-declared`}>{t('family.field.declared')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** A pickup person's or emergency contact's fields. With `maskedPhone` the placeholder says which number it was. */
export function PersonFields({ name, maskedPhone, qa }: { name: Path; maskedPhone?: string; qa: string }) {
  return (
    <>
      <Form.Item name={[...name, 'name']} label={t('family.field.personName')} rules={[required(t('family.field.personName'))]}>
        <Input placeholder={t('family.field.personNamePh')} maxLength={30} data-qa={`${qa}-name`} />
      </Form.Item>
      <Form.Item name={[...name, 'relation']} label={t('family.field.relation')} rules={[required(t('family.field.relation'))]}>
        <Input placeholder={t('family.field.relationPh')} maxLength={20} data-qa={`${qa}-relation`} />
      </Form.Item>
      <Form.Item
        name={[...name, 'phone']}
        label={t('family.field.phone')}
        normalize={digitsOnly}
        validateTrigger="onBlur"
        rules={[
          { required: true, message: maskedPhone ? t('family.v.phoneAgain') : t('family.v.required', { label: t('family.field.phone') }) },
          phoneRule,
        ]}
      >
        <Input
          type="tel"
          inputMode="numeric"
          placeholder={maskedPhone ? t('family.field.phoneAgainPh', { masked: maskedPhone }) : t('family.field.phonePh')}
          maxLength={11}
          data-qa={`${qa}-phone`}
        />
      </Form.Item>
    </>
  );
}
