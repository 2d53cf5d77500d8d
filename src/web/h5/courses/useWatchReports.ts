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
    el.addEventListener('play', onPlay);
    el.addEventListener('timeupdate', onTime);
    el.addEventListener('pause', onStop);
    el.addEventListener('seeking', onSeeking);
    el.addEventListener('seeked', onSeeked);
    el.addEventListener('ended', onEnded);
    el.addEventListener('loadedmetadata', onMeta);
    return () => {
      send(last);
      el.removeEventListener('play', onPlay);
      el.removeEventListener('timeupdate', onTime);
      el.removeEventListener('pause', onStop);
      el.removeEventListener('seeking', onSeeking);
      el.removeEventListener('seeked', onSeeked);
      el.removeEventListener('ended', onEnded);
      el.removeEventListener('loadedmetadata', onMeta);
    };
  }, [video, courseId, resumeAt]);
}
