// What a 宝宝屋 offers, in three lines: 临时托、计时托 · 1–3岁幼儿 · 免费照护(每年不少于12次).
import { t } from '../i18n/index.ts';
import { ChildIcon, ClockIcon, HeartIcon } from './icons.tsx';

export function ServiceCard({ title = true }: { title?: boolean }) {
  const items = [
    { icon: <ClockIcon />, main: t('service.kinds'), hint: t('service.kindsHint') },
    { icon: <ChildIcon />, main: t('service.age'), hint: t('service.ageHint') },
    { icon: <HeartIcon />, main: t('service.free'), hint: t('service.freeHint') },
  ];
  return (
    <section className="card service-card" data-qa="service-card">
      {title && <h2 className="card-title">{t('service.title')}</h2>}
      {items.map((it) => (
        <div className="service-item" key={it.main}>
          <span className="service-icon">{it.icon}</span>
          <div>
            <div className="service-main">{it.main}</div>
            <div className="service-hint">{it.hint}</div>
          </div>
        </div>
      ))}
    </section>
  );
}
