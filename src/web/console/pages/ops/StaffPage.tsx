// 人员与资质: the house's staff records (R6–R10) — each person's required credentials and whether they may be put
// on a roster today, and why not. The house manager keeps them; the street and the district read them, picking a
// house. ?focus=<staffId> (the compliance findings link here) opens that person.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { EyeOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import type { StaffRecord, StaffRecordsResponse } from '../../../common/opsTypes.ts';
import { t } from '../../i18n/index.ts';
import { useApi } from '../../hooks/useApi.ts';
import { useHouseChoice } from '../../hooks/useHouseChoice.ts';
import { useSession } from '../../session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { LoadError, Loading } from '../../components/States.tsx';
import { HouseSelect } from './staff/HouseSelect.tsx';
import { StaffTable } from './staff/StaffTable.tsx';
import { StaffFormModal } from './staff/StaffFormModal.tsx';
import { PersonDrawer } from './staff/PersonDrawer.tsx';
import { CredentialModal } from './staff/CredentialModal.tsx';

/** Blocked for a reason the manager can fix (not a guard or someone who has left). */
const fixable = (r: StaffRecord) => r.rosterBlockers.some((c) => c !== 'NOT_ROSTER_POSITION' && c !== 'NOT_EMPLOYED');

export function StaffPage() {
  const { can } = useSession();
  const { ownHouse, houses, houseId, params, setParams, setParam } = useHouseChoice();
  const houseName = ownHouse ? undefined : houses.data?.find((h) => h.id === houseId)?.name;
  const focus = params.get('focus');
  const canManage = can('staff.manage');
  const staff = useApi<StaffRecordsResponse>(houseId ? `/api/houses/${houseId}/staff-records` : null);
  const [form, setForm] = useState<{ open: boolean; record: StaffRecord | null }>({ open: false, record: null });
  const [crediting, setCrediting] = useState<StaffRecord | null>(null);

  /** A credential was added: the server answered with the person's new state; put it in the list at once. */
  function replace(saved: StaffRecord) {
    if (staff.data) staff.setData({ ...staff.data, records: staff.data.records.map((r) => (r.id === saved.id ? saved : r)) });
  }

  if (!ownHouse && houses.error) return <LoadError error={houses.error} onRetry={houses.reload} />;
  if (!ownHouse && !houses.data) return <Loading />;

  const records = staff.data?.records ?? [];
  const blocked = records.filter(fixable);
  const expiring = records.filter((r) => !r.leftOn && r.requirements.some((q) => q.status === 'expiring'));
  const open = focus ? records.find((r) => r.id === focus) : undefined;

  return (
    <>
      <PageHeader
        title={t('staff.title')}
        description={houseName ? `${houseName} · ${t('staff.description')}` : t('staff.description')}
        extra={
          <>
            {!ownHouse && houses.data && (
              <HouseSelect
                houses={houses.data}
                value={houseId}
                qa="staff-house"
                onChange={(v) => setParams(new URLSearchParams(v ? { houseId: v } : {}), { replace: true })}
              />
            )}
            {canManage && houseId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, record: null })} data-qa="staff-add">
                {t('staff.add')}
              </Button>
            )}
          </>
        }
      />
      {!canManage && (
        <Alert
          type="info"
          showIcon
          icon={<EyeOutlined />}
          style={{ marginBottom: 16 }}
          title={t('staff.readOnly')}
          data-qa="staff-readonly"
        />
      )}
      {blocked.length > 0 && (
        <Alert
          type="error"
          showIcon
          icon={<WarningFilled />}
          style={{ marginBottom: 16 }}
          data-qa="staff-blocked-banner"
          title={t('staff.blockedBanner', { n: blocked.length, names: blocked.map((r) => r.name).join('、') })}
          description={canManage ? t('staff.blockedBannerHint') : undefined}
        />
      )}
      {expiring.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-qa="staff-expiring-banner"
          title={t('staff.expiringBanner', { n: expiring.length, names: expiring.map((r) => r.name).join('、') })}
        />
      )}
      {!houseId ? (
        <Card variant="borderless">
          <Typography.Text type="secondary">{t('staff.noHouse')}</Typography.Text>
        </Card>
      ) : staff.error ? (
        <LoadError error={staff.error} onRetry={staff.reload} />
      ) : (
        <Card variant="borderless">
          <StaffTable
            records={records}
            loading={staff.loading}
            focus={focus}
            canManage={canManage}
            onOpen={(r) => setParam('focus', r.id)}
            onEdit={(r) => setForm({ open: true, record: r })}
          />
          <Flex style={{ marginTop: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('staff.footnote')}
            </Typography.Text>
          </Flex>
        </Card>
      )}

      <PersonDrawer
        record={open}
        canManage={canManage}
        onClose={() => setParam('focus', null)}
        onEdit={(r) => setForm({ open: true, record: r })}
        onAddCredential={setCrediting}
      />
      {houseId && (
        <StaffFormModal
          houseId={houseId}
          record={form.record}
          accounts={staff.data?.unlinkedAccounts ?? []}
          open={form.open}
          onClose={() => setForm({ open: false, record: null })}
          onSaved={() => {
            staff.reload();
            setForm({ open: false, record: null });
          }}
        />
      )}
      {crediting && (
        <CredentialModal
          record={crediting}
          open
          onClose={() => setCrediting(null)}
          onSaved={(saved) => {
            replace(saved);
            setCrediting(null);
          }}
        />
      )}
    </>
  );
}
