// A street admin's home page (工作台): the street's targets this year and what needs doing — registrations waiting,
// overdue home visits, children with none of their free care used, families far from their guidance sessions, houses
// without approved places — each linking to the screen that fixes it.
import { Alert, Button, Card, List, Typography } from 'antd';
import { CheckCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { formatDateZh } from '../../common/i18n.ts';
import type { Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useSession } from '../session.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { TargetCards } from './targets/cards.tsx';

type StreetTargets = Res<'/api/targets/streets/{id}', 'get'>;
type TodoKind = StreetTargets['todo'][number]['kind'];

/** The screen that fixes each kind of to-do. */
function fixOf(kind: TodoKind, streetId: string): string {
  switch (kind) {
    case 'registrations':
      return '/registrations';
    case 'visitsOverdue':
      return '/newborns';
    case 'careNone':
      return `/targets/streets/${streetId}?list=T3`;
    case 'guidanceBehind':
      return `/targets/streets/${streetId}?list=T5`;
    case 'populationMissing':
      return '/population';
    case 'placesUnset':
    case 'placesGap':
      return '/population?tab=places';
  }
}

export function StreetHomePage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const streetId = me.user.streetId ?? '';
  const s = useApi<StreetTargets>(`/api/targets/streets/${streetId}?year=${me.today.slice(0, 4)}`);
  if (s.error) return <LoadError error={s.error} onRetry={s.reload} />;
  if (!s.data) return <Loading />;
  const d = s.data;
  return (
    <>
      <PageHeader
        title={t('targets.home.title', { street: d.street.name })}
        description={t('targets.home.description', { date: formatDateZh(d.asOf) })}
        extra={
          <Link to={`/targets/streets/${streetId}`} data-qa="home-details">
            {t('targets.home.details')} <RightOutlined />
          </Link>
        }
      />
      <Card variant="borderless" title={t('targets.home.todo')} style={{ marginBottom: 16 }} data-qa="home-todo">
        {d.todo.length === 0 ? (
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('targets.home.todoNone')} />
        ) : (
          <List
            dataSource={d.todo}
            renderItem={(item) => (
              <List.Item
                data-qa="todo-item"
                data-kind={item.kind}
                actions={[
                  <Button key="go" type="primary" ghost size="small" onClick={() => navigate(fixOf(item.kind, streetId))}>
                    {t('targets.home.go')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={<Typography.Text strong>{t(`targets.home.items.${item.kind}`, { count: item.count })}</Typography.Text>}
                  description={t(`targets.home.hints.${item.kind}`)}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <TargetCards figures={d.street} parameters={d.parameters} hideT2 />
    </>
  );
}
