// The five target cards (a gauge, the figure in words, its rule with the parameters, its status) and the year picker,
// shared by the district overview and a street's page.
import { Card, Col, Row, Select, Tag, Tooltip, Typography } from 'antd';
import type { Res } from '../../../common/wire.ts';
import { t } from '../../i18n/index.ts';
import { Gauge } from './charts.tsx';

export type Overview = Res<'/api/targets', 'get'>;
export type Figures = Overview['district'];
export type TargetId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5';
export const TARGETS: TargetId[] = ['T1', 'T2', 'T3', 'T4', 'T5'];
type Status = Figures['T1']['status'];

const STATUS_TAG: Record<Status, string> = { met: 'success', atRisk: 'warning', notMet: 'error' };

export function StatusTag({ status }: { status: Status }) {
  return (
    <Tag color={STATUS_TAG[status]} data-qa="target-status" data-status={status}>
      {t(`targets.statuses.${status}`)}
    </Tag>
  );
}

/** The ratio each target is read by (T1 places against those needed, the others their share reached). */
export function ratioOf(f: Figures, id: TargetId): number | null {
  return f[id].ratio;
}

function headline(f: Figures, id: TargetId, p: Overview['parameters']): [string, string] {
  switch (id) {
    case 'T1':
      return [
        f.T1.needed === null
          ? t('targets.headline.T1none', { places: f.T1.places })
          : t('targets.headline.T1', { places: f.T1.places, needed: f.T1.needed }),
        f.T1.gap ? t('targets.sub.T1', { gap: f.T1.gap }) : '',
      ];
    case 'T2':
      return [t('targets.headline.T2', { n: f.T2.streetsWithHouse, m: f.T2.streets }), t('targets.sub.T2', { houses: f.T2.houses })];
    case 'T3':
      return [
        t('targets.headline.T3', { reached: f.T3.reached, children: f.T3.children, n: p.careSessions }),
        t('targets.sub.T3', { delivered: f.T3.delivered, due: f.T3.due }),
      ];
    case 'T4':
      return [
        t('targets.headline.T4', { visited: f.T4.visited, registered: f.T4.registered }),
        t('targets.sub.T4', { overdue: f.T4.overdue, pending: f.T4.recorded - f.T4.visited }),
      ];
    case 'T5':
      return [
        t('targets.headline.T5', { reached: f.T5.reached, families: f.T5.families, n: p.guidanceSessions }),
        t('targets.sub.T5', { taken: f.T5.taken }),
      ];
  }
}

export function ruleOf(id: TargetId, p: Overview['parameters']): string {
  return t(`targets.rules.${id}`, {
    share: p.placesShare,
    n: id === 'T3' ? p.careSessions : p.guidanceSessions,
    min: p.careAgeMonths[0],
    max: p.careAgeMonths[1],
    days: p.visitWithinDays,
  });
}

export function TargetCards({ figures, parameters, hideT2 }: { figures: Figures; parameters: Overview['parameters']; hideT2?: boolean }) {
  const ids = hideT2 ? TARGETS.filter((id) => id !== 'T2') : TARGETS;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {ids.map((id) => {
        const [main, sub] = headline(figures, id, parameters);
        return (
          <Col key={id} xs={24} sm={12} lg={hideT2 ? 6 : undefined} flex={hideT2 ? undefined : '1 1 20%'} style={{ minWidth: 220 }}>
            <Card variant="borderless" data-qa="target-card" data-target={id} styles={{ body: { padding: 16 } }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
                <Typography.Text strong>
                  {id} {t(`targets.names.${id}`)}
                </Typography.Text>
                <Tooltip title={t('targets.statusHint')}>
                  <span>
                    <StatusTag status={figures[id].status} />
                  </span>
                </Tooltip>
              </div>
              <Gauge ratio={ratioOf(figures, id)} status={figures[id].status} label={t(`targets.names.${id}`)} />
              <Typography.Text strong style={{ display: 'block' }} data-qa="target-headline">
                {main}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, minHeight: 20 }}>
                {sub}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
                {ruleOf(id, parameters)}
              </Typography.Paragraph>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

/** This year and the four before it. */
export function YearPicker({ year, thisYear, onChange }: { year: number; thisYear: number; onChange: (y: number) => void }) {
  return (
    <Select
      value={year}
      style={{ width: 110 }}
      aria-label={t('targets.year')}
      data-qa="targets-year"
      options={[0, 1, 2, 3, 4].map((k) => ({ value: thisYear - k, label: `${thisYear - k}年` }))}
      onChange={onChange}
    />
  );
}
