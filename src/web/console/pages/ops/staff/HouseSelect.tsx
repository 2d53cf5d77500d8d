// The house picker of the operations pages for people who oversee more than one house (street: its houses;
// district: all, named with their street).
import { Select } from 'antd';
import type { House } from '../../../../common/types.ts';
import { t } from '../../../i18n/index.ts';
import { DISTRICT_WIDE_ROLES, useSession } from '../../../session.tsx';

export function HouseSelect({
  houses,
  value,
  onChange,
  allowClear,
  qa,
}: {
  houses: House[];
  value: string | null;
  onChange: (houseId: string | null) => void;
  /** A filter: empty means every house. */
  allowClear?: boolean;
  qa: string;
}) {
  const { me } = useSession();
  const districtWide = DISTRICT_WIDE_ROLES.includes(me.user.role);
  return (
    <Select
      style={{ width: 300 }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      placeholder={allowClear ? t('staff.allHouses') : t('staff.pickHouse')}
      aria-label={t('staff.pickHouse')}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      data-qa={qa}
      options={houses.map((h) => ({ value: h.id, label: districtWide ? `${h.streetName} · ${h.name}` : h.name }))}
    />
  );
}
