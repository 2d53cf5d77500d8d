// The findings list: severity, rule, what is wrong, for whom, where, who must act, since when, and a link to the
// record to fix.
import type { HTMLAttributes } from 'react';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { ArrowRightOutlined, CheckCircleFilled, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { Finding } from '../../../../common/opsTypes.ts';
import { formatPlainDateZh } from '../../../../common/i18n.ts';
import { t } from '../../../i18n/index.ts';
import { useSession } from '../../../session.tsx';
import { findingMessage, fixRouteAllowed } from './findingText.ts';

export function SeverityTag({ severity }: { severity: Finding['severity'] }) {
  return severity === 'critical' ? (
    <Tag color="error" icon={<ExclamationCircleFilled />} data-qa="finding-severity">
      {t('severity.critical')}
    </Tag>
  ) : (
    <Tag color="warning" icon={<WarningFilled />} data-qa="finding-severity">
      {t('severity.warning')}
    </Tag>
  );
}

export function FindingsTable({
  findings,
  loading,
  showHouse,
  resolved,
}: {
  findings: Finding[];
  loading: boolean;
  /** Street and district: several houses in one list. */
  showHouse: boolean;
  resolved: boolean;
}) {
  const navigate = useNavigate();
  const { can } = useSession();
  const fixing = !resolved && can('compliance.run');
  return (
    <Table<Finding>
      rowKey="id"
      loading={loading}
      dataSource={findings}
      pagination={findings.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{
        emptyText: (
          <Flex vertical align="center" gap={8} style={{ padding: 24 }} data-qa="findings-empty">
            <CheckCircleFilled style={{ fontSize: 32, color: '#52c41a' }} />
            <Typography.Text type="secondary">{t(resolved ? 'compliance.emptyResolved' : 'compliance.empty')}</Typography.Text>
          </Flex>
        ),
      }}
      onRow={(f) => ({ 'data-qa': 'finding-row', 'data-code': f.code }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('compliance.col.severity'),
          dataIndex: 'severity',
          width: 90,
          render: (s: Finding['severity']) => <SeverityTag severity={s} />,
        },
        {
          title: t('compliance.col.rule'),
          dataIndex: 'rule',
          width: 150,
          // The rule's name, never its id: ids belong to the code (DOMAIN.md), officials read what the rule is.
          render: (rule: string) => <Typography.Text strong>{t(`complianceRules.${rule}`)}</Typography.Text>,
        },
        {
          title: t('compliance.col.message'),
          key: 'message',
          render: (_, f) => (
            <Flex vertical gap={2}>
              <span data-qa="finding-message">{findingMessage(f)}</span>
              {f.subjectType !== 'house' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`compliance.subjectTypes.${f.subjectType}`)}:{f.subjectLabel}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        ...(showHouse
          ? [
              {
                title: t('compliance.col.house'),
                key: 'house',
                width: 200,
                render: (_: unknown, f: Finding) => (
                  <Flex vertical>
                    <span>{f.houseName}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.streetName}
                    </Typography.Text>
                  </Flex>
                ),
              },
            ]
          : []),
        { title: t('compliance.col.owner'), dataIndex: 'owner', width: 120, render: (o: string) => t(`findingOwner.${o}`) },
        {
          title: t(resolved ? 'compliance.col.resolvedOn' : 'compliance.col.firstSeenOn'),
          key: 'date',
          width: 180,
          render: (_, f) => (
            <Tooltip
              title={
                resolved
                  ? t('compliance.firstSeenTip', { date: formatPlainDateZh(f.firstSeenOn) })
                  : t('compliance.lastSeenTip', { date: formatPlainDateZh(f.lastSeenOn) })
              }
            >
              <span>{formatPlainDateZh(resolved && f.resolvedOn ? f.resolvedOn : f.firstSeenOn)}</span>
            </Tooltip>
          ),
        },
        {
          title: t('common.actions'),
          key: 'fix',
          width: 110,
          render: (_, f) =>
            fixRouteAllowed(f.fixPath, can) && (
              // Those who fix (may run the check) go to fix it; inspectors and resolved findings just look.
              <Button
                type={fixing ? 'primary' : 'link'}
                ghost={fixing}
                size="small"
                onClick={() => navigate(f.fixPath)}
                data-qa="finding-fix"
              >
                {t(fixing ? 'compliance.fix' : 'compliance.view')} <ArrowRightOutlined />
              </Button>
            ),
        },
      ]}
    />
  );
}
