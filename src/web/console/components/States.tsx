// Loading, error, forbidden and not-found states, all in the same calm style.
import { Button, Card, Result, Spin } from 'antd';
import { useNavigate } from 'react-router';
import type { ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';

export function Loading() {
  return (
    <div className="bbw-loading">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const status = error.status === 403 ? '403' : error.status === 404 ? '404' : 'error';
  return (
    <Card variant="borderless">
      <Result
        status={status}
        title={error.status === 403 ? t('state.forbidden') : t('state.loadFailed')}
        subTitle={error.title}
        extra={
          onRetry && error.status !== 403 && error.status !== 404 ? (
            <Button type="primary" onClick={onRetry}>
              {t('state.retry')}
            </Button>
          ) : undefined
        }
      />
    </Card>
  );
}

export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Card variant="borderless">
      <Result
        status="403"
        title={t('state.forbidden')}
        subTitle={t('state.forbiddenHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('state.backHome')}
          </Button>
        }
      />
    </Card>
  );
}

export function NotFound() {
  const navigate = useNavigate();
  return (
    <Card variant="borderless">
      <Result
        status="404"
        title={t('state.notFound')}
        subTitle={t('state.notFoundHint')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('state.backHome')}
          </Button>
        }
      />
    </Card>
  );
}
