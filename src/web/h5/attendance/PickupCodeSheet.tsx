// The one-time pickup code, big and spaced digit by digit, to show the carer or read out on the phone:
// its expiry, and that it works once and a new one replaces it.
import { Button, Popup } from 'antd-mobile';
import type { PickupCode } from '../../common/opsTypes.ts';
import { t } from '../i18n/index.ts';
import { timeOf } from '../booking/format.ts';

export function PickupCodeSheet({ childName, code, onClose }: { childName: string; code: PickupCode | null; onClose: () => void }) {
  return (
    <Popup visible={!!code} onMaskClick={onClose} onClose={onClose} bodyClassName="pickup-sheet" destroyOnClose>
      {code && (
        <div data-qa="pickup-sheet" data-code={code.code}>
          <div className="pickup-sheet-title">{t('attendance.pickup.title', { child: childName })}</div>
          <div className="pickup-sheet-hint">{t('attendance.pickup.hint')}</div>
          <div className="pickup-code" data-qa="pickup-code" aria-label={code.code.split('').join(' ')}>
            {code.code.split('').map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a digit's place in the code is its only identity
              <span key={i} className="pickup-digit">
                {d}
              </span>
            ))}
          </div>
          <div className="pickup-until" data-qa="pickup-until">
            {t('attendance.pickup.until', { time: timeOf(code.expiresAt) })}
          </div>
          <ul className="pickup-notes">
            <li>{t('attendance.pickup.once')}</li>
            <li>{t('attendance.pickup.shownOnce')}</li>
          </ul>
          <Button block color="primary" shape="rounded" onClick={onClose} data-qa="pickup-done">
            {t('attendance.pickup.done')}
          </Button>
        </div>
      )}
    </Popup>
  );
}
