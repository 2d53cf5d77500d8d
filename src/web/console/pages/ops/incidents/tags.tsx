// Small shared pieces of the incidents screens: kind and severity tags, the notification times.
import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { AlertFilled, MessageOutlined } from '@ant-design/icons';
import type { Incident, IncidentKind } from '../../../../common/opsTypes.ts';
import { formatDateTimeZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { districtDateOf, timeOf } from '../../../format.ts';

const KIND_COLORS: Record<IncidentKind, string> = { injury: 'volcano', illness: 'purple', other: 'default' };

export function KindTag({ kind }: { kind: IncidentKind }) {
  return (
    <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }} data-qa="incident-kind">
      {t(`incidentKinds.${kind}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: Incident['severity'] }) {
  return severity === 'serious' ? (
    <Tag color="error" icon={<AlertFilled />} style={{ marginInlineEnd: 0 }} data-qa="incident-severity">
      {t('incidentSeverity.serious')}
    </Tag>
  ) : (
    <Tag style={{ marginInlineEnd: 0 }} data-qa="incident-severity">
      {t('incidentSeverity.minor')}
    </Tag>
  );
}

/** An instant as a time of day when it falls on the same day as `day` (an instant too), in full otherwise. */
export function sameDayTime(iso: string, day: string): string {
  return districtDateOf(iso) === districtDateOf(day) ? timeOf(iso) : formatDateTimeZh(iso);
}

/** Whether the guardian was notified and the street alerted (only what applies to this incident). */
export function NoticeTimes({ incident }: { incident: Incident }) {
  const guardian = incident.childId !== null;
  const street = incident.severity === 'serious';
  if (!guardian && !street) return <Typography.Text type="secondary">{t('incidents.list.noNotice')}</Typography.Text>;
  const line = (at: string | null, done: string, pending: string, qa: string, icon: ReactNode) => (
    <Typography.Text type={at ? undefined : 'warning'} style={{ fontSize: 13 }} data-qa={qa}>
      {icon} {at ? t(done, { time: sameDayTime(at, incident.occurredAt) }) : t(pending)}
    </Typography.Text>
  );
  return (
    <Flex vertical gap={2}>
      {guardian &&
        line(
          incident.guardianNotifiedAt,
          'incidents.list.guardianNotifiedAt',
          'incidents.list.guardianPending',
          'incident-guardian-notified',
          <MessageOutlined />,
        )}
      {street &&
        line(
          incident.streetAlertedAt,
          'incidents.list.streetAlertedAt',
          'incidents.list.streetPending',
          'incident-street-alerted',
          <AlertFilled />,
        )}
    </Flex>
  );
}
