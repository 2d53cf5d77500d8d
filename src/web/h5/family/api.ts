// PUT through the shared client (it exports get/post/patch/del; the family's list replacements need PUT).
import { api } from '../../common/api.ts';

export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
