// The house filter for those who oversee several houses (street and district admins, inspectors).
import { Select } from 'antd';
import type { House } from '../../../../common/types.ts';
import { t } from '../../../i18n/index.ts';

export const ALL_HOUSES = '';

export function HousePicker({
  houses,
  value,
  onChange,
  allowAll,
  districtWide,
}: {
  houses: House[];
  value: string;
  onChange: (houseId: string) => void;
  /** Offer "all houses" (the empty value). */
  allowAll: boolean;
  /** Name each house with its street. */
  districtWide: boolean;
}) {
  return (
    <Select
      style={{ width: 300 }}
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      placeholder={t('incidents.pickHouse')}
      data-qa="incidents-house"
      options={[
        ...(allowAll ? [{ value: ALL_HOUSES, label: t('incidents.allHouses') }] : []),
        ...houses.map((h) => ({ value: h.id, label: districtWide ? `${h.streetName} · ${h.name}` : h.name })),
      ]}
    />
  );
}
