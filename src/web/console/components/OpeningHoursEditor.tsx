// Opening hours per weekday: open or closed, and a time range for the open days.
import { Button, Switch, TimePicker, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { OpeningHours } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { WEEKDAYS } from '../format.ts';

export interface HourRow {
  weekday: number;
  open: boolean;
  range: [Dayjs, Dayjs] | null;
}

const at = (hhmm: string) => dayjs(`2000-01-01T${hhmm === '24:00' ? '23:59' : hhmm}`);

export function hourRowsOf(hours: OpeningHours[]): HourRow[] {
  return WEEKDAYS.map((weekday) => {
    const h = hours.find((x) => x.weekday === weekday);
    return { weekday, open: !!h, range: h ? [at(h.open), at(h.close)] : null };
  });
}

export const DEFAULT_HOURS: OpeningHours[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:30', close: '17:00' }));

export function openingHoursOf(rows: HourRow[]): OpeningHours[] {
  return rows
    .filter((r) => r.open && r.range)
    .map((r) => ({ weekday: r.weekday, open: r.range![0].format('HH:mm'), close: r.range![1].format('HH:mm') }));
}

/** The rule the form checks before sending: every open day has a range that ends after it starts. */
export function hourRowsValid(rows: HourRow[] | undefined): boolean {
  return (rows ?? []).every((r) => !r.open || (r.range && r.range[1].format('HH:mm') > r.range[0].format('HH:mm')));
}

export function OpeningHoursEditor({ value = [], onChange }: { value?: HourRow[]; onChange?: (rows: HourRow[]) => void }) {
  const update = (weekday: number, change: Partial<HourRow>) =>
    onChange?.(value.map((r) => (r.weekday === weekday ? { ...r, ...change } : r)));
  const monday = value.find((r) => r.weekday === 1);

  return (
    <div data-qa="opening-hours-editor">
      {value.map((r) => (
        <div className="bbw-hours-editor-row" key={r.weekday} data-qa={`hours-${r.weekday}`}>
          <span className="bbw-hours-editor-day">{t(`weekdays.${r.weekday}`)}</span>
          <Switch
            checked={r.open}
            checkedChildren={t('houseForm.open')}
            unCheckedChildren={t('houseForm.closed')}
            onChange={(open) => update(r.weekday, { open, range: open ? (r.range ?? [at('08:30'), at('17:00')]) : r.range })}
            style={{ width: 64 }}
          />
          <TimePicker.RangePicker
            format="HH:mm"
            minuteStep={15}
            disabled={!r.open}
            value={r.open ? r.range : null}
            allowClear={false}
            needConfirm={false}
            order
            onChange={(range) => update(r.weekday, { range: range?.[0] && range[1] ? [range[0], range[1]] : null })}
            style={{ width: 220 }}
          />
          {!r.open && <Typography.Text type="secondary">{t('houseForm.closed')}</Typography.Text>}
        </div>
      ))}
      <Button
        type="link"
        icon={<CopyOutlined />}
        style={{ paddingInline: 0, marginTop: 4 }}
        disabled={!monday?.open || !monday.range}
        onClick={() => onChange?.(value.map((r) => (r.weekday >= 2 && r.weekday <= 5 ? { ...r, open: true, range: monday!.range } : r)))}
      >
        {t('houseForm.hoursCopy')}
      </Button>
    </div>
  );
}
