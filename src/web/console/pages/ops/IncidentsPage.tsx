// 事件与日志: incidents (injury, illness, other) with the guardian's and the street's notification, and the daily
// disinfection and safety-check logs. House staff record both for their own house; street and district admins read
// the incidents of their scope; inspectors (no child data) read the daily logs only.
import { Alert, Card, Tabs } from 'antd';
import { EyeOutlined, FileProtectOutlined, WarningOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import type { House } from '../../../common/types.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { DISTRICT_WIDE_ROLES, HOUSE_ROLES, useSession } from '../../session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/States.tsx';
import { ALL_HOUSES, HousePicker } from './incidents/HousePicker.tsx';
import { IncidentsTab } from './incidents/IncidentsTab.tsx';
import { DailyLogsTab } from './incidents/DailyLogsTab.tsx';

type TabKey = 'incidents' | 'logs';

export function IncidentsPage() {
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const ownHouse = HOUSE_ROLES.includes(me.user.role) ? me.user.houseId : null;
  const houses = useApi<House[]>(ownHouse ? null : '/api/houses');
  const canIncidents = can('incident.read');
  const canLogs = can('dailyLog.read');
  const tab: TabKey = canIncidents && params.get('tab') !== 'logs' ? 'incidents' : 'logs';
  const recorder = can('incident.record') || can('dailyLog.record');

  function update(changes: Record<string, string | undefined>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  }

  if (!ownHouse && houses.error) return <LoadError error={houses.error} onRetry={houses.reload} />;
  if (!ownHouse && !houses.data) return <Loading />;

  // Incidents may be read across all the houses in scope; a day's logs belong to one house.
  const chosen = params.get('houseId') ?? ALL_HOUSES;
  const incidentHouse = ownHouse ?? chosen;
  const logHouse = ownHouse ?? (chosen || houses.data?.find((h) => h.status === 'active')?.id || houses.data?.[0]?.id || null);
  const picker = (allowAll: boolean, value: string) =>
    ownHouse ? null : (
      <HousePicker
        houses={houses.data ?? []}
        value={value}
        allowAll={allowAll}
        districtWide={DISTRICT_WIDE_ROLES.includes(me.user.role)}
        onChange={(houseId) => update({ houseId })}
      />
    );

  return (
    <>
      <PageHeader title={t('incidents.title')} description={t('incidents.description')} />
      {!recorder && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          style={{ marginBottom: 16 }}
          title={t('incidents.readOnly')}
          data-qa="incidents-readonly"
        />
      )}
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'logs' ? 'logs' : undefined })}
          items={[
            ...(canIncidents
              ? [
                  {
                    key: 'incidents',
                    label: (
                      <span data-qa="incidents-tab-incidents">
                        <WarningOutlined /> {t('incidents.tabIncidents')}
                      </span>
                    ),
                    children: tab === 'incidents' && (
                      <IncidentsTab
                        houseId={incidentHouse || null}
                        housePicker={picker(true, incidentHouse)}
                        showHouse={!ownHouse}
                        from={params.get('from')}
                        to={params.get('to')}
                        onRange={(from, to) => update({ from, to })}
                      />
                    ),
                  },
                ]
              : []),
            ...(canLogs
              ? [
                  {
                    key: 'logs',
                    label: (
                      <span data-qa="incidents-tab-logs">
                        <FileProtectOutlined /> {t('incidents.tabLogs')}
                      </span>
                    ),
                    children: tab === 'logs' && (
                      <DailyLogsTab
                        houseId={logHouse}
                        housePicker={picker(false, logHouse ?? '')}
                        date={params.get('date') ?? me.today}
                        onDate={(d) => update({ date: d === me.today ? undefined : d })}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}
