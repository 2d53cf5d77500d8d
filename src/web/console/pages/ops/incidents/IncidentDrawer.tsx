// One incident in full: what happened, what was done, who reported it, and who was told when.
import { Descriptions, Drawer, Flex, Typography } from 'antd';
import type { Incident } from '../../../../common/opsTypes.ts';
import { formatDateTimeZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { KindTag, SeverityTag } from './tags.tsx';

/** A notification time, or why there is none: not needed for this incident, or still waiting in the outbox. */
function noticeText(at: string | null, needed: boolean) {
  if (at) return formatDateTimeZh(at);
  return (
    <Typography.Text type={needed ? 'warning' : 'secondary'}>
      {t(needed ? 'incidents.detail.pending' : 'incidents.detail.notNeeded')}
    </Typography.Text>
  );
}

export function IncidentDrawer({ incident, showHouse, onClose }: { incident: Incident | null; showHouse: boolean; onClose: () => void }) {
  return (
    <Drawer open={!!incident} onClose={onClose} size={600} destroyOnHidden title={t('incidents.detail.title')}>
      {incident && (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 110 } }} data-qa="incident-detail">
          {showHouse && <Descriptions.Item label={t('incidents.detail.house')}>{incident.houseName}</Descriptions.Item>}
          <Descriptions.Item label={t('incidents.detail.occurredAt')}>{formatDateTimeZh(incident.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.kind')}>
            <Flex gap={4}>
              <KindTag kind={incident.kind} />
              <SeverityTag severity={incident.severity} />
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.child')}>
            {incident.childName ?? <Typography.Text type="secondary">{t('incidents.list.noChild')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.description')}>
            <div className="bbw-doc-body" data-qa="incident-detail-description">
              {incident.description}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.actionTaken')}>
            <div className="bbw-doc-body" data-qa="incident-detail-action">
              {incident.actionTaken}
            </div>
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.reportedBy')}>{incident.reportedBy}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.createdAt')}>{formatDateTimeZh(incident.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.guardianNotifiedAt')}>
            <span data-qa="incident-detail-guardian">{noticeText(incident.guardianNotifiedAt, incident.childId !== null)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.detail.streetAlertedAt')}>
            <span data-qa="incident-detail-street">{noticeText(incident.streetAlertedAt, incident.severity === 'serious')}</span>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
