// The pickup code under a child who is in or expected today: 出示接送码 makes one and shows it; a code made on this
// phone is shown again while it is valid; a code active but not known here (made on another phone, or the app was
// reopened: the server keeps only a hash) can only be replaced — after a word that the old one stops working.
import { useState } from 'react';
import { Button, Dialog, Toast } from 'antd-mobile';
import { ApiError } from '../../common/api.ts';
import type { PickupCode } from '../../common/opsTypes.ts';
import { t } from '../i18n/index.ts';
import { timeOf } from '../booking/format.ts';
import { createPickupCode, heldPickupCode, type FamilyChildDay } from './store.ts';
import { PickupCodeSheet } from './PickupCodeSheet.tsx';

export function PickupCodeRow({ userId, child, now }: { userId: string; child: FamilyChildDay; now: number }) {
  const [shown, setShown] = useState<PickupCode | null>(null);
  const [busy, setBusy] = useState(false);
  const held = heldPickupCode(userId, child, now);
  const active = child.pickupCode && new Date(child.pickupCode.expiresAt).getTime() > now ? child.pickupCode : null;

  const make = async () => {
    if (active) {
      const go = await Dialog.confirm({
        title: t('attendance.pickup.confirmTitle'),
        content: t('attendance.pickup.confirmBody'),
        confirmText: <span data-qa="pickup-regenerate-confirm">{t('attendance.pickup.confirm')}</span>,
        cancelText: t('common.cancel'),
      });
      if (!go) return;
    }
    setBusy(true);
    try {
      setShown(await createPickupCode(userId, child.childId));
    } catch (err) {
      Toast.show({ icon: 'fail', content: err instanceof ApiError ? err.title : t('attendance.pickup.failed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pickup-row" data-qa="pickup-row" data-active={active ? 'true' : 'false'}>
      {active && (
        <span className="pickup-row-text" data-qa="pickup-active">
          {t(held ? 'attendance.pickup.activeHeld' : 'attendance.pickup.active', { time: timeOf(active.expiresAt) })}
        </span>
      )}
      <div className="pickup-row-actions">
        {held && (
          <Button size="small" color="primary" shape="rounded" data-qa="pickup-view" onClick={() => setShown(held)}>
            {t('attendance.pickup.view')}
          </Button>
        )}
        {active ? (
          <Button
            size="small"
            color="primary"
            fill="outline"
            shape="rounded"
            loading={busy}
            data-qa="pickup-regenerate"
            onClick={() => void make()}
          >
            {t('attendance.pickup.regenerate')}
          </Button>
        ) : (
          <Button block color="primary" shape="rounded" loading={busy} data-qa="pickup-show" onClick={() => void make()}>
            {t('attendance.pickup.show')}
          </Button>
        )}
      </div>
      <PickupCodeSheet childName={child.childName} code={shown} onClose={() => setShown(null)} />
    </div>
  );
}
