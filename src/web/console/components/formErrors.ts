// A refused form submission: the server's field errors go next to the form's fields that have them; anything else
// (a conflict, a field the form does not show) becomes one message with the server's Chinese title.
import type { FormInstance } from 'antd';
import { ApiError } from '../../common/api.ts';
import { formPathOf } from '../format.ts';

export function showFormError(
  form: FormInstance,
  err: unknown,
  fields: string[],
  showMessage: (text: string) => void,
  aliases: Record<string, (string | number)[]> = {},
): void {
  if (!(err instanceof ApiError)) throw err;
  const placed = err.fieldErrors
    .map((f) => ({ name: formPathOf(f.field, aliases), errors: [f.message || err.title] }))
    .filter((f) => fields.includes(String(f.name[0])));
  if (placed.length) form.setFields(placed);
  else showMessage(err.title);
}
