// One way to save a family form: a spinner while it runs, the server's field errors on their fields (scrolled to),
// and the server's Chinese message in a toast.
import { Toast } from 'antd-mobile';
import type { FormInstance } from 'antd-mobile/es/components/form';
import { ApiError } from '../../common/api.ts';
import { t } from '../i18n/index.ts';
import { applyFieldErrors } from './helpers.ts';
import { scrollToFirstError } from '../pages/family/RegisterPage.tsx';

export async function saveForm(form: FormInstance, setSaving: (saving: boolean) => void, request: () => Promise<void>) {
  setSaving(true);
  try {
    await request();
  } catch (err) {
    if (err instanceof ApiError) {
      applyFieldErrors(form, err);
      scrollToFirstError();
    }
    Toast.show({ content: err instanceof ApiError ? err.title : t('errors.INTERNAL'), position: 'center' });
  } finally {
    setSaving(false);
  }
}
