// One house in a list: name, address, today's hours, capacity, facility badges. Tapping opens the detail.
import { Tag } from 'antd-mobile';
import { Link } from 'react-router';
import type { Facilities, PublicHouse } from '../../common/types.ts';
import { t } from '../i18n/index.ts';
import { hoursOn, isOpenNow, nextOpening, shanghaiNow, weekdayName } from '../hours.ts';
import { ChildIcon, ClockIcon, PinIcon } from './icons.tsx';

export const FACILITY_KEYS: (keyof Facilities)[] = ['drinkingWater', 'washroom', 'nursingRoom', 'ageAppropriateFurniture', 'outdoorArea'];

export function TodayHours({ house }: { house: PublicHouse }) {
  const { weekday } = shanghaiNow();
  const today = hoursOn(house.openingHours, weekday);
  if (!today) {
    const next = nextOpening(house.openingHours, weekday);
    const day = next && (next.weekday === (weekday % 7) + 1 ? t('houses.tomorrow') : weekdayName(next.weekday));
    return (
      <span data-qa="house-today">
        <span className="muted">{t('houses.todayClosed')}</span>
        {next && <span className="next-open"> · {t('houses.nextOpen', { day: day!, open: next.open })}</span>}
      </span>
    );
  }
  return (
    <span data-qa="house-today">
      {t('houses.todayOpen', { open: today.open, close: today.close })}
      {isOpenNow(house.openingHours) && <span className="open-now">{t('houses.openNow')}</span>}
    </span>
  );
}

export function HouseCard({ house }: { house: PublicHouse }) {
  const facilities = FACILITY_KEYS.filter((k) => house.facilities[k]);
  return (
    <Link to={`/houses/${house.id}`} className="house-card" data-qa="house-card" data-house-id={house.id}>
      <div className="house-card-name" data-qa="house-card-name">
        {house.name}
      </div>
      <div className="house-card-line">
        <PinIcon />
        <span>{house.address}</span>
      </div>
      <div className="house-card-line">
        <ClockIcon />
        <TodayHours house={house} />
      </div>
      <div className="house-card-line">
        <ChildIcon />
        <span>{t('houses.capacity', { n: house.legalCapacity })}</span>
      </div>
      {facilities.length > 0 && (
        <div className="house-card-tags">
          {facilities.map((k) => (
            <Tag key={k} round fill="outline" className="facility-tag">
              {t(`facilityShort.${k}`)}
            </Tag>
          ))}
        </div>
      )}
      <span className="house-card-chevron" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
