// Waiting and failure states shared by the screens.
import { Button, DotLoading, ErrorBlock } from 'antd-mobile';
import type { ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';

export function Loading() {
  return (
    <div className="loading" data-qa="loading">
      <DotLoading color="primary" />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function LoadFailed({ error, onRetry, title }: { error: ApiError; onRetry: () => void; title?: string }) {
  return (
    <ErrorBlock status="default" title={title ?? t('houses.loadFailed')} description={error.title} className="load-failed">
      <Button color="primary" fill="outline" shape="rounded" onClick={onRetry}>
        {t('houses.retry')}
      </Button>
    </ErrorBlock>
  );
}
