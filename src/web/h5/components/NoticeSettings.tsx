// 消息通知: which text messages the guardian gets about her child (GET/PUT /api/family/notices). Each switch saves at
// once; an incident is always told, so its switch is on and fixed.
import { useState } from 'react';
import { List, Switch, Toast } from 'antd-mobile';
import { ApiError, put } from '../../common/api.ts';
import type { Res } from '../../common/wire.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../booking/store.ts';

type NoticeSetting = Res<'/api/family/notices', 'get'>[number];
const PATH = '/api/family/notices';

export function NoticeSettings() {
  const { data, reload } = useApi<NoticeSetting[]>(PATH);
  const [saving, setSaving] = useState<string | null>(null);
  if (!data) return null;

  async function change(s: NoticeSetting, enabled: boolean) {
    setSaving(s.notice);
    try {
      await put(PATH, { notice: s.notice, enabled });
      await reload();
      Toast.show({ content: enabled ? t('notices.on') : t('notices.off') });
    } catch (err) {
      Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL') });
    } finally {
      setSaving(null);
    }
  }

  return (
    <List className="mine-list" mode="card" header={t('notices.title')} data-qa="notice-settings">
      {data.map((s) => (
        <List.Item
          key={s.notice}
          description={t(`notices.hint.${s.notice}`)}
          data-qa={`notice-${s.notice}`}
          data-enabled={s.enabled}
          extra={
            <Switch
              checked={s.enabled}
              disabled={!s.optional}
              loading={saving === s.notice}
              onChange={(on) => void change(s, on)}
              aria-label={t(`guardianNotices.${s.notice}`)}
            />
          }
        >
          {t(`guardianNotices.${s.notice}`)}
        </List.Item>
      ))}
    </List>
  );
}
