// The guidance event as the console reads it, and its mode and status tags.
import { Tag } from 'antd';
import type { Item, Res } from '../../../common/wire.ts';
import { t } from '../../i18n/index.ts';

export type GuidanceEvent = Item<Res<'/api/guidance/manage/events', 'get'>>;

export function ModeTag({ mode }: { mode: string }) {
  return <Tag color={mode === 'online' ? 'purple' : 'blue'}>{t(`guidance.modes.${mode}`)}</Tag>;
}

export function EventStatusTag({ event, now }: { event: GuidanceEvent; now: number }) {
  if (event.status === 'cancelled') return <Tag color="red">{t('guidance.statuses.cancelled')}</Tag>;
  if (new Date(event.endsAt).getTime() <= now) return <Tag>{t('guidance.statuses.ended')}</Tag>;
  return <Tag color="green">{t('guidance.statuses.published')}</Tag>;
}
