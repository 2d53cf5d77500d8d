// 合规检查: what the compliance engine found against R3–R12 and R19 in the user's scope (the manager's house, the
// street's houses, the district), most severe then newest first, each with the record to fix. The daily run
// happens by itself; "立即检查" runs it now.
import { useState } from 'react';
import { App, Button, Card, Col, Flex, Radio, Row, Segmented, Statistic, Typography } from 'antd';
import { ExclamationCircleFilled, SafetyCertificateOutlined, SyncOutlined, WarningFilled } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { ApiError, post, qs } from '../../../common/api.ts';
import type { ComplianceFindings, Severity } from '../../../common/opsTypes.ts';
import type { House } from '../../../common/types.ts';
import { formatDateTimeZh } from '../../../common/i18n.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { HOUSE_ROLES, useSession } from '../../session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError } from '../../components/States.tsx';
import { HouseSelect } from './staff/HouseSelect.tsx';
import { FindingsTable } from './compliance/FindingsTable.tsx';

type Status = 'open' | 'resolved';

export function CompliancePage() {
  const { me, can } = useSession();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const ownHouse = HOUSE_ROLES.includes(me.user.role);
  const houses = useApi<House[]>(ownHouse ? null : '/api/houses');
  const status = (params.get('status') as Status | null) ?? 'open';
  const severity = params.get('severity') as Severity | null;
  const houseId = ownHouse ? null : params.get('houseId');
  const data = useApi<ComplianceFindings>(`/api/compliance/findings${qs({ status, houseId })}`);
  const [running, setRunning] = useState(false);

  function setParam(key: string, value: string | null) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  async function run() {
    setRunning(true);
    try {
      const res = await post<ComplianceFindings>('/api/compliance/run', houseId ? { houseId } : {});
      if (status === 'open') data.setData(res);
      else data.reload();
      message.success(
        res.lastRun
          ? t('compliance.ranResult', { opened: res.lastRun.opened, resolved: res.lastRun.resolved, open: res.findings.length })
          : t('compliance.ran'),
      );
    } catch (err) {
      if (err instanceof ApiError) message.error(err.title);
    } finally {
      setRunning(false);
    }
  }

  const all = data.data?.findings ?? [];
  const shown = severity ? all.filter((f) => f.severity === severity) : all;
  const critical = all.filter((f) => f.severity === 'critical').length;
  const warning = all.length - critical;
  const lastRun = data.data?.lastRun;

  return (
    <>
      <PageHeader
        title={t('compliance.title')}
        description={t(ownHouse ? 'compliance.descriptionHouse' : 'compliance.description')}
        extra={
          can('compliance.run') && (
            <Button type="primary" icon={<SyncOutlined spin={running} />} loading={running} onClick={run} data-qa="compliance-run">
              {t('compliance.run')}
            </Button>
          )
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card variant="borderless" className="bbw-stat-card">
            <Statistic
              title={t(status === 'open' ? 'compliance.criticalOpen' : 'compliance.criticalResolved')}
              value={critical}
              styles={{ content: { color: critical && status === 'open' ? '#cf1322' : undefined } }}
              prefix={<ExclamationCircleFilled />}
              data-qa="count-critical"
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card variant="borderless" className="bbw-stat-card">
            <Statistic
              title={t(status === 'open' ? 'compliance.warningOpen' : 'compliance.warningResolved')}
              value={warning}
              styles={{ content: { color: warning && status === 'open' ? '#d48806' : undefined } }}
              prefix={<WarningFilled />}
              data-qa="count-warning"
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card variant="borderless" className="bbw-stat-card" style={{ height: '100%' }}>
            <Flex vertical gap={4} data-qa="last-run">
              <Typography.Text type="secondary">
                <SafetyCertificateOutlined /> {t('compliance.lastRun')}
              </Typography.Text>
              {lastRun ? (
                <>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {formatDateTimeZh(lastRun.finishedAt)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('compliance.lastRunDetail', { houses: lastRun.houses, opened: lastRun.opened, resolved: lastRun.resolved })}
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text>{t('compliance.neverRun')}</Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('compliance.daily')}
              </Typography.Text>
            </Flex>
          </Card>
        </Col>
      </Row>
      <Card variant="borderless">
        <Flex gap={12} wrap align="center" className="bbw-toolbar" style={{ marginBottom: 16 }}>
          <Segmented<Status>
            value={status}
            onChange={(v) => setParam('status', v === 'open' ? null : v)}
            data-qa="findings-status"
            options={[
              { value: 'open', label: t('compliance.open') },
              { value: 'resolved', label: t('compliance.resolved') },
            ]}
          />
          <Radio.Group
            value={severity ?? 'all'}
            onChange={(e) => setParam('severity', e.target.value === 'all' ? null : (e.target.value as string))}
            optionType="button"
            data-qa="findings-severity"
            options={[
              { value: 'all', label: t('compliance.allSeverities') },
              { value: 'critical', label: t('severity.critical') },
              { value: 'warning', label: t('severity.warning') },
            ]}
          />
          {!ownHouse && houses.data && (
            <HouseSelect houses={houses.data} value={houseId} allowClear qa="findings-house" onChange={(v) => setParam('houseId', v)} />
          )}
          <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
            {t('compliance.count', { n: shown.length })}
          </Typography.Text>
        </Flex>
        {data.error ? (
          <LoadError error={data.error} onRetry={data.reload} />
        ) : (
          <FindingsTable findings={shown} loading={data.loading} showHouse={!ownHouse} resolved={status === 'resolved'} />
        )}
      </Card>
    </>
  );
}
