import { Card, Result } from 'antd';
import { t } from '../i18n/index.ts';

/** A role with nothing to do in the console (e.g. a volunteer before shifts exist). */
export function NoFunctions() {
  return (
    <Card variant="borderless">
      <Result status="info" title={t('state.noMenu')} subTitle={t('state.noMenuHint')} />
    </Card>
  );
}
