// The H5 player's progress reports: what it actually played, in stretches of about ten seconds, sent as the video
// plays. A seek ends the stretch before it (so skipping ahead leaves a gap the server does not count); the server
// credits each stretch only as fast as real time allows. The video resumes where the family left off.
import { useEffect, useRef, type RefObject } from 'react';
import { post } from '../../common/api.ts';
import type { CourseProgress } from './types.ts';

const STRETCH_SECONDS = 10;

export function useWatchReports(
  video: RefObject<HTMLVideoElement | null>,
  courseId: string,
  resumeAt: number,
  onProgress: (p: CourseProgress) => void,
) {
  const report = useRef(onProgress);
  report.current = onProgress;

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let from: number | null = null;
    let last = 0;
    const send = (to: number) => {
      if (from !== null && to - from >= 0.5) {
        const body = { from: Math.max(0, from), to };
        post<{ progress: CourseProgress }>(`/api/family/courses/${courseId}/progress`, body)
          .then((r) => report.current(r.progress))
          .catch(() => undefined); // a stretch refused (too fast, offline) is simply not counted
      }
      from = null;
    };
    const onPlay = () => {
      from = el.currentTime;
      last = el.currentTime;
    };
    const onTime = () => {
      if (el.paused || el.seeking) return;
      if (from === null || el.currentTime < last) from = el.currentTime;
      last = el.currentTime;
      if (last - from >= STRETCH_SECONDS) {
        send(last);
        from = last;
      }
    };
    const onStop = () => send(last);
    const onSeeking = () => send(last);
    const onSeeked = () => {
      last = el.currentTime;
      from = el.paused ? null : el.currentTime;
    };
    const onEnded = () => send(el.duration || last);
    const onMeta = () => {
      if (resumeAt > 0 && resumeAt < el.duration - 2) el.currentTime = resumeAt;
    };
    const handlers: [keyof HTMLMediaElementEventMap, () => void][] = [
      ['play', onPlay],
      ['timeupdate', onTime],
      ['pause', onStop],
      ['seeking', onSeeking],
      ['seeked', onSeeked],
      ['ended', onEnded],
      ['loadedmetadata', onMeta],
    ];
    for (const [event, handler] of handlers) el.addEventListener(event, handler);
    return () => {
      send(last);
      for (const [event, handler] of handlers) el.removeEventListener(event, handler);
    };
  }, [video, courseId, resumeAt]);
}
