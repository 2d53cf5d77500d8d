// The booking dialogs shared by the booking page and 我的预约: the price to accept once the free sessions are used,
// and a refusal in the server's own words.
import { Dialog } from 'antd-mobile';
import type { ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';
import { formatYuan } from './format.ts';

/** Asks the parent to accept the house's price for a session beyond the free ones. */
export function confirmPrice(childName: string, priceFen: number): Promise<boolean> {
  return Dialog.confirm({
    title: t('book.priceTitle'),
    content: (
      <div className="price-dialog" data-qa="price-dialog">
        <p>{t('book.priceBody', { child: childName })}</p>
        <div className="price-big" data-qa="price">
          {formatYuan(priceFen)}
        </div>
        <p className="muted small">{t('book.priceNote')}</p>
      </div>
    ),
    confirmText: <span data-qa="price-confirm">{t('book.priceConfirm')}</span>,
    cancelText: t('common.cancel'),
  });
}

/** A refusal from the server, in its own words; for a child who cannot book, the way to 我的家庭. */
export async function showRefusal(err: ApiError, goFamily: () => void) {
  const content = (
    <div className="refusal" data-qa="booking-refusal" data-code={err.code}>
      {err.title}
    </div>
  );
  if (err.code === 'CHILD_NOT_BOOKABLE') {
    const go = await Dialog.confirm({
      title: t('book.refusedTitle'),
      content,
      confirmText: t('book.goFamily'),
      cancelText: t('book.gotIt'),
    });
    if (go) goFamily();
    return;
  }
  await Dialog.alert({ title: t('book.refusedTitle'), content, confirmText: t('book.gotIt') });
}
