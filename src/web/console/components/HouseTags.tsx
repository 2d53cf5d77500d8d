// The status of a house and its compliance checks (R11 CCTV, R12 insurance, R19 facilities) as tags.
import { Flex, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { Facilities, House } from '../../common/types.ts';
import { formatPlainDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';

export const REQUIRED_FACILITIES: (keyof Facilities)[] = ['drinkingWater', 'washroom', 'nursingRoom', 'ageAppropriateFurniture'];
export const ALL_FACILITIES: (keyof Facilities)[] = [...REQUIRED_FACILITIES, 'outdoorArea'];

export function StatusTag({ status }: { status: House['status'] }) {
  return (
    <Tag color={status === 'active' ? 'success' : 'warning'} data-qa="house-status">
      {t(`houseStatus.${status}`)}
    </Tag>
  );
}

function Check({ ok, text, tip, qa }: { ok: boolean; text: string; tip: string; qa: string }) {
  return (
    <Tooltip title={tip}>
      <Tag
        color={ok ? 'success' : 'error'}
        icon={ok ? <CheckCircleOutlined /> : <ExclamationCircleOutlined />}
        data-qa={qa}
        style={{ marginInlineEnd: 0 }}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}

export function insuranceText(house: House): string {
  if (house.checks.insuranceCoversToday) return t('checks.insuranceValid');
  return house.insuranceEnd ? t('checks.insuranceExpired') : t('checks.insuranceMissing');
}

export function ComplianceTags({ house }: { house: House }) {
  const c = house.checks;
  const missing = REQUIRED_FACILITIES.filter((f) => !house.facilities[f]).map((f) => t(`facilities.${f}`));
  const period =
    house.insuranceStart && house.insuranceEnd
      ? `${formatPlainDateZh(house.insuranceStart)} – ${formatPlainDateZh(house.insuranceEnd)}`
      : '';
  return (
    <Flex gap={4} wrap>
      <Check
        ok={c.insuranceCoversToday}
        text={insuranceText(house)}
        qa="check-insurance"
        tip={[t('checks.insuranceTip'), period].filter(Boolean).join(':')}
      />
      <Check
        ok={c.cctvRetentionMet}
        qa="check-cctv"
        text={
          c.cctvRetentionMet
            ? t('checks.cctvOk', { days: house.cctvRetentionDays })
            : t('checks.cctvShort', { days: house.cctvRetentionDays, required: c.cctvRetentionRequiredDays })
        }
        tip={t('checks.cctvTip', { required: c.cctvRetentionRequiredDays })}
      />
      <Check
        ok={c.facilitiesComplete}
        qa="check-facilities"
        text={c.facilitiesComplete ? t('checks.facilitiesOk') : t('checks.facilitiesMissing')}
        tip={missing.length ? t('checks.missingList', { items: missing.join('、') }) : t('checks.facilitiesTip')}
      />
    </Flex>
  );
}

export function hasComplianceIssue(house: House): boolean {
  return !house.checks.insuranceCoversToday || !house.checks.cctvRetentionMet || !house.checks.facilitiesComplete;
}
