// A course's video and article images as the browser fetches them. The video is streamed from the store by HTTP
// range (RFC 9110 §14: the <video> element asks for byte ranges to start, seek and resume), never read whole.
import parseRange from 'range-parser';
import type { Readable } from 'node:stream';
import { authorize, type Actor } from '../../access.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { targetOfEvent } from '../guidance/service.ts';
import * as q from './queries.ts';

/** A course the actor may watch: any published one for a family, a draft too for the staff in the course's scope. */
async function watchableCourse(ctx: AppContext, actor: Actor, id: string) {
  const c = await q.courseById(ctx.db, id);
  if (!c) throw new AppError(404, 'COURSE_NOT_FOUND');
  authorize(actor, 'course.watch', actor.role === 'guardian' ? {} : targetOfEvent(c));
  if (actor.role === 'guardian' && c.status !== 'published') throw new AppError(404, 'COURSE_NOT_FOUND');
  return c;
}

export type MediaResponse =
  | { status: 200 | 206; headers: Record<string, string>; body: Readable }
  | { status: 416; headers: Record<string, string>; body: null };

/** The video, whole or the first range asked for (416 past its end; a malformed Range is ignored, as RFC 9110 says). */
export async function courseVideo(ctx: AppContext, actor: Actor, id: string, range: string | undefined): Promise<MediaResponse> {
  const c = await watchableCourse(ctx, actor, id);
  if (!c.video_key) throw new AppError(404, 'COURSE_NOT_FOUND');
  const size = Number(c.video_bytes);
  const headers: Record<string, string> = {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=3600',
    etag: `"${c.video_key}"`,
  };
  const ranges = range ? parseRange(size, range, { combine: true }) : -2;
  if (ranges === -1) return { status: 416, headers: { 'content-range': `bytes */${size}` }, body: null };
  if (ranges === -2 || ranges.type !== 'bytes') {
    return { status: 200, headers: { ...headers, 'content-length': String(size) }, body: ctx.files.readRange(c.video_key, 0, size - 1) };
  }
  const { start, end } = ranges[0];
  return {
    status: 206,
    headers: { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(end - start + 1) },
    body: ctx.files.readRange(c.video_key, start, end),
  };
}

/** One of the article's images (decrypted; only the course's own). */
export async function courseImageFile(ctx: AppContext, actor: Actor, id: string, fileId: string) {
  await watchableCourse(ctx, actor, id);
  const f = await q.courseImage(ctx.db, id, fileId);
  if (!f) throw new AppError(404, 'FILE_NOT_FOUND');
  return { contentType: f.content_type, data: ctx.cipher.decryptBytes(await ctx.files.get(f.storage_key)) };
}
