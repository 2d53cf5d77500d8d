// 排班与场次: one house's coming sessions with their legal capacity and who is booked, its weekly slots and its
// closures. House staff see their own house; a street admin picks one of the street's houses; the district reads.
// Only the house manager (schedule.manage) changes anything; carers mark no-shows.
import { useMemo } from 'react';
import { Alert, Button, Card, Flex, Select, Tabs, Typography } from 'antd';
import { CalendarOutlined, EyeOutlined, FieldTimeOutlined, StopOutlined, WarningFilled } from '@ant-design/icons';
import { qs } from '../../common/api.ts';
import type { House } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useHouseChoice } from '../hooks/useHouseChoice.ts';
import { useRules } from '../hooks/usePolicy.ts';
import { DISTRICT_WIDE_ROLES, useSession } from '../session.tsx';
import { addDaysTo } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { SessionsTab } from './schedule/SessionsTab.tsx';
import { SlotsTab } from './schedule/SlotsTab.tsx';
import { ClosuresTab } from './schedule/ClosuresTab.tsx';
import { FLAG_HORIZON_DAYS, type StaffMember, type StaffSession } from './schedule/types.ts';
import type { CapacityContext } from './schedule/capacity.ts';

type TabKey = 'sessions' | 'slots' | 'closures';

export function SchedulePage() {
  const { me, can } = useSession();
  const { ownHouse, houses, houseId, params, setParams, setParam } = useHouseChoice();
  const tab = (params.get('tab') as TabKey | null) ?? 'sessions';
  const districtWide = DISTRICT_WIDE_ROLES.includes(me.user.role);
  const canManage = can('schedule.manage');

  const house = useApi<House>(houseId ? `/api/houses/${houseId}` : null);
  const rules = useRules();
  const flagged = useApi<StaffSession[]>(
    houseId
      ? `/api/staff/sessions${qs({ houseId, from: me.today, to: addDaysTo(me.today, FLAG_HORIZON_DAYS - 1), flagged: 'true' })}`
      : null,
  );
  // Over-capacity sessions in every house the user oversees, to mark those houses in the picker.
  const flaggedAll = useApi<StaffSession[]>(
    ownHouse ? null : `/api/staff/sessions${qs({ from: me.today, to: addDaysTo(me.today, FLAG_HORIZON_DAYS - 1), flagged: 'true' })}`,
  );
  const flaggedByHouse = useMemo(() => {
    const counts = new Map<string, number>();
    for (const s of flaggedAll.data ?? []) counts.set(s.houseId, (counts.get(s.houseId) ?? 0) + 1);
    return counts;
  }, [flaggedAll.data]);
  // The house's staff who can be put on a roster (volunteers help but do not count for R5).
  const staff = useApi<StaffMember[]>(houseId ? `/api/houses/${houseId}/staff` : null);
  const staffList = staff.data;
  const ctx = useMemo<CapacityContext>(() => ({ house: house.data, childrenPerCarer: rules?.childrenPerCarer }), [house.data, rules]);

  const flaggedCount = flagged.data?.length ?? 0;
  const houseName = house.data?.name;

  if (!ownHouse && houses.error) return <LoadError error={houses.error} onRetry={houses.reload} />;
  if (!ownHouse && !houses.data) return <Loading />;
  if (!houseId) {
    return (
      <>
        <PageHeader title={t('schedule.title')} />
        <Card variant="borderless">
          <Typography.Text type="secondary">{t('schedule.noHouse')}</Typography.Text>
        </Card>
      </>
    );
  }

  const refreshFlags = () => {
    flagged.reload();
    if (!ownHouse) flaggedAll.reload();
  };
  return (
    <>
      <PageHeader
        title={t('schedule.title')}
        description={houseName ? `${houseName} · ${t('schedule.description')}` : t('schedule.description')}
        extra={
          !ownHouse && (
            <Select
              style={{ width: 300 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={houseId}
              onChange={(v: string) =>
                setParams(new URLSearchParams({ houseId: v, ...(tab !== 'sessions' ? { tab } : {}) }), { replace: true })
              }
              data-qa="schedule-house"
              options={(houses.data ?? []).map((h) => ({
                value: h.id,
                label: districtWide ? `${h.streetName} · ${h.name}` : h.name,
              }))}
              optionRender={(o) => {
                const n = flaggedByHouse.get(String(o.value)) ?? 0;
                return (
                  <Flex justify="space-between" gap={8}>
                    <span>{o.label}</span>
                    {n > 0 && (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        <WarningFilled /> {t('schedule.houseFlagged', { n })}
                      </Typography.Text>
                    )}
                  </Flex>
                );
              }}
            />
          )
        }
      />
      {!canManage && !ownHouse && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          style={{ marginBottom: 16 }}
          title={t('schedule.readOnly')}
          data-qa="schedule-readonly"
        />
      )}
      {house.data?.status === 'suspended' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('schedule.suspended')} />}
      {flaggedCount > 0 && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          style={{ marginBottom: 16 }}
          data-qa="over-capacity-banner"
          title={<Typography.Text strong>{t('schedule.overBanner')}</Typography.Text>}
          description={t(canManage ? 'schedule.overBannerManager' : 'schedule.overBannerOthers', { n: flaggedCount })}
          action={
            tab === 'sessions' && params.get('flagged') !== 'true' ? (
              <Button size="small" danger onClick={() => setParam('flagged', 'true')} data-qa="over-capacity-filter">
                {t('schedule.showFlagged')}
              </Button>
            ) : undefined
          }
        />
      )}
      {house.error ? (
        <LoadError error={house.error} onRetry={house.reload} />
      ) : (
        <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              const next = new URLSearchParams(params);
              if (k === 'sessions') next.delete('tab');
              else next.set('tab', k);
              next.delete('flagged');
              setParams(next, { replace: true });
            }}
            items={[
              {
                key: 'sessions',
                label: (
                  <span data-qa="schedule-tab-sessions">
                    <CalendarOutlined /> {t('schedule.tabSessions')}
                  </span>
                ),
                children: tab === 'sessions' && (
                  <SessionsTab
                    houseId={houseId}
                    ctx={ctx}
                    staff={staffList}
                    flaggedOnly={params.get('flagged') === 'true'}
                    onFlaggedOnly={(on) => setParam('flagged', on ? 'true' : undefined)}
                    from={params.get('from') ?? me.today}
                    onFrom={(d) => setParam('from', d === me.today ? undefined : d)}
                    flaggedCount={flaggedCount}
                    onChanged={refreshFlags}
                  />
                ),
              },
              {
                key: 'slots',
                label: (
                  <span data-qa="schedule-tab-slots">
                    <FieldTimeOutlined /> {t('schedule.tabSlots')}
                  </span>
                ),
                children: tab === 'slots' && <SlotsTab house={house.data} staff={staffList} onChanged={refreshFlags} />,
              },
              {
                key: 'closures',
                label: (
                  <span data-qa="schedule-tab-closures">
                    <StopOutlined /> {t('schedule.tabClosures')}
                  </span>
                ),
                children: tab === 'closures' && <ClosuresTab houseId={houseId} onChanged={refreshFlags} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
