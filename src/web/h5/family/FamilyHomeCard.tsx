// The family at a glance on 首页: without a registration, the invitation to register; with one, its status and
// whether each child can book (or the next thing missing).
import { Button } from 'antd-mobile';
import { Link, useNavigate } from 'react-router';
import { t } from '../i18n/index.ts';
import { useFamily } from './store.ts';
import { ageText } from './helpers.ts';
import { FamilyIcon } from '../components/icons.tsx';

export function FamilyHomeCard() {
  const { data } = useFamily();
  const navigate = useNavigate();
  if (!data) return null;
  const family = data.family;
  if (!family) {
    return (
      <section className="card family-home-card invite" data-qa="home-family">
        <div className="family-home-invite">
          <span className="family-home-icon">
            <FamilyIcon />
          </span>
          <div className="family-home-text">
            <div className="family-home-title">{t('home.familyNone')}</div>
            <div className="family-home-hint">{t('home.familyNoneHint')}</div>
          </div>
        </div>
        <Button block color="primary" shape="rounded" onClick={() => navigate('/family/register')} data-qa="home-family-register">
          {t('home.register')}
        </Button>
      </section>
    );
  }
  return (
    <Link to="/family" className="card family-home-card" data-qa="home-family">
      <div className="card-title-row">
        <h2 className="card-title">{t('home.familyTitle')}</h2>
        <span className={`status-pill status-${family.status}`} data-qa="home-family-status">
          {t(`familyStatus.${family.status}`)}
        </span>
      </div>
      {family.children.map((c) => (
        <div className="family-home-child" key={c.id}>
          <span className="family-home-child-name">
            {c.name}
            <span className="muted small"> · {ageText(c.eligibility.ageMonths)}</span>
          </span>
          {c.eligibility.bookable ? (
            <span className="book-tag ok">{t('family.bookable')}</span>
          ) : (
            <span className="family-home-next">{t(`requirements.${c.eligibility.missing[0]}`)}</span>
          )}
        </div>
      ))}
      <span className="card-chevron abs" aria-hidden="true">
        ›
      </span>
    </Link>
  );
}
