// The last 14 days at a glance: one tile per day with its disinfection and safety-check state. A day without
// both logs stands out; a click picks the day.
import type { ReactNode } from 'react';
import { Flex, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import type { DailyLog } from '../../../../common/opsTypes.ts';
import { formatDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { LOG_KINDS, dayState, type DayState } from './checklists.ts';

const TONES: Record<DayState, { bg: string; border: string; color: string }> = {
  ok: { bg: '#f6ffed', border: '#b7eb8f', color: '#389e0d' },
  problems: { bg: '#fff7e6', border: '#ffd591', color: '#d46b08' },
  missing: { bg: '#fff', border: '#ffa39e', color: '#cf1322' },
};

const ICONS: Record<DayState, ReactNode> = {
  ok: <CheckCircleFilled />,
  problems: <ExclamationCircleFilled />,
  missing: <CloseCircleOutlined />,
};

/** The worst state of the day's two logs decides the tile's colour. */
function worst(states: DayState[]): DayState {
  return states.includes('missing') ? 'missing' : states.includes('problems') ? 'problems' : 'ok';
}

export function LogOverview({
  days,
  logs,
  selected,
  today,
  onSelect,
}: {
  /** The dates shown, oldest first. */
  days: string[];
  logs: DailyLog[];
  selected: string;
  today: string;
  onSelect: (date: string) => void;
}) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: `repeat(${days.length}, minmax(0, 1fr))`, gap: 6 }} data-qa="log-overview">
      {days.map((date) => {
        const states = LOG_KINDS.map((k) => dayState(logs.filter((l) => l.date === date && l.kind === k)));
        const tone = TONES[worst(states)];
        const isSelected = date === selected;
        const [, m, d] = date.split('-').map(Number);
        return (
          <Tooltip key={date} title={formatDateZh(date)}>
            <button
              type="button"
              onClick={() => onSelect(date)}
              data-qa="log-day"
              data-date={date}
              data-state={worst(states)}
              style={{
                all: 'unset',
                cursor: 'pointer',
                boxSizing: 'border-box',
                padding: '6px 4px',
                borderRadius: 6,
                textAlign: 'center',
                background: tone.bg,
                border: `1px ${worst(states) === 'missing' ? 'dashed' : 'solid'} ${tone.border}`,
                outline: isSelected ? '2px solid #1677ff' : undefined,
                outlineOffset: 1,
              }}
            >
              <Typography.Text strong style={{ display: 'block', fontSize: 13, fontVariantNumeric: 'tabular-nums' }}>
                {date === today ? t('incidents.logs.today') : `${m}/${d}`}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
                {formatDateZh(date).split(' ')[1]}
              </Typography.Text>
              <Flex vertical gap={0} style={{ marginTop: 4 }}>
                {LOG_KINDS.map((k, i) => (
                  <span
                    key={k}
                    style={{ fontSize: 12, color: TONES[states[i]].color, whiteSpace: 'nowrap' }}
                    data-qa={`log-day-${k}`}
                    data-state={states[i]}
                  >
                    {ICONS[states[i]]} {t(`incidents.logs.kindShort.${k}`)}
                  </span>
                ))}
              </Flex>
            </button>
          </Tooltip>
        );
      })}
    </div>
  );
}
