// The course rules of src/domain/courses.ts: what a course needs to be published, how the player's segments are
// credited (a forged whole-video report and skipping ahead do not complete it), the check, and completion — and how
// completed courses count with attended events for T5 (each once, in the district's year).
import { describe, expect, it } from 'vitest';
import {
  courseCompleted,
  type Interval,
  markQuiz,
  mergeWatched,
  publishRefusal,
  segmentRefusal,
  videoWatched,
  watchedSeconds,
} from '../../src/domain/courses.ts';
import { guidanceCount } from '../../src/domain/guidance.ts';

describe('publishing (publishRefusal)', () => {
  it('needs a video or an article', () => {
    expect(publishRefusal({ hasVideo: false, articleBlocks: 0, questions: 0 })).toBe('COURSE_EMPTY');
    expect(publishRefusal({ hasVideo: true, articleBlocks: 0, questions: 0 })).toBeNull();
  });
  it('an article always with its check', () => {
    expect(publishRefusal({ hasVideo: true, articleBlocks: 3, questions: 0 })).toBe('COURSE_QUIZ_REQUIRED');
    expect(publishRefusal({ hasVideo: false, articleBlocks: 3, questions: 2 })).toBeNull();
  });
});

describe('crediting the player’s segments (segmentRefusal)', () => {
  it('a stretch played in real time is credited', () => {
    expect(segmentRefusal([0, 10], 300, 10)).toBeNull();
  });
  it('at double speed too, not faster', () => {
    expect(segmentRefusal([0, 20], 300, 10)).toBeNull();
    expect(segmentRefusal([0, 40], 300, 10)).toBe('SEGMENT_TOO_FAST');
  });
  it('one forged request claiming the whole video is refused', () => {
    expect(segmentRefusal([0, 300], 300, 3600)).toBe('SEGMENT_INVALID'); // longer than one report may be
    expect(segmentRefusal([0, 50], 300, 0)).toBe('SEGMENT_TOO_FAST'); // no time has passed
  });
  it('outside the video, backwards or empty is invalid', () => {
    expect(segmentRefusal([-1, 5], 300, 10)).toBe('SEGMENT_INVALID');
    expect(segmentRefusal([10, 10], 300, 10)).toBe('SEGMENT_INVALID');
    expect(segmentRefusal([20, 10], 300, 10)).toBe('SEGMENT_INVALID');
    expect(segmentRefusal([295, 305], 300, 10)).toBe('SEGMENT_INVALID');
    expect(segmentRefusal([Number.NaN, 5], 300, 10)).toBe('SEGMENT_INVALID');
  });
});

describe('what was watched (mergeWatched, videoWatched)', () => {
  const play = (segments: Interval[]) => segments.reduce<Interval[]>((w, s) => mergeWatched(w, s), []);
  it('overlapping and touching segments merge, watching again counts once', () => {
    const w = play([
      [0, 10],
      [10, 20],
      [5, 15],
      [40, 50],
    ]);
    expect(w).toEqual([
      [0, 20],
      [40, 50],
    ]);
    expect(watchedSeconds(w)).toBe(30);
  });
  it('watched from start to end: done', () => {
    const segments: Interval[] = Array.from({ length: 30 }, (_, i) => [i * 10, i * 10 + 10]);
    expect(videoWatched(play(segments), 300)).toBe(true);
  });
  it('skipping ahead to the end does not count', () => {
    expect(
      videoWatched(
        play([
          [0, 30],
          [280, 300],
        ]),
        300,
      ),
    ).toBe(false);
  });
  it('abandoned halfway does not count', () => {
    const half: Interval[] = Array.from({ length: 15 }, (_, i) => [i * 10, i * 10 + 10]);
    expect(videoWatched(play(half), 300)).toBe(false);
  });
  it('a few seconds missed in the middle (the player’s granularity) still count', () => {
    expect(
      videoWatched(
        play([
          [0, 149],
          [151, 300],
        ]),
        300,
      ),
    ).toBe(true);
  });
  it('everything but the end does not count', () => {
    expect(videoWatched(play([[0, 290]]), 300)).toBe(false);
  });
});

describe('the article’s check (markQuiz)', () => {
  const quiz = [{ answer: 1 }, { answer: 0 }];
  it('passed when every answer is right', () => {
    expect(markQuiz(quiz, [1, 0])).toEqual({ correct: [true, true], passed: true });
  });
  it('says which were wrong', () => {
    expect(markQuiz(quiz, [1, 2])).toEqual({ correct: [true, false], passed: false });
  });
  it('not passed with answers missing', () => {
    expect(markQuiz(quiz, [1]).passed).toBe(false);
  });
});

describe('completion (courseCompleted)', () => {
  it('every part the course has', () => {
    const both = { hasVideo: true, hasArticle: true };
    expect(courseCompleted(both, { videoDone: true, quizPassed: false })).toBe(false);
    expect(courseCompleted(both, { videoDone: false, quizPassed: true })).toBe(false);
    expect(courseCompleted(both, { videoDone: true, quizPassed: true })).toBe(true);
    expect(courseCompleted({ hasVideo: true, hasArticle: false }, { videoDone: true, quizPassed: false })).toBe(true);
    expect(courseCompleted({ hasVideo: false, hasArticle: true }, { videoDone: false, quizPassed: true })).toBe(true);
  });
});

describe('T5 counts courses with events', () => {
  it('a completed course and an attended event are two sessions; the same course twice is one', () => {
    const taken = [
      { id: 'event-1', at: new Date('2026-03-01T09:30:00+08:00') },
      { id: 'course-1', at: new Date('2026-04-01T20:00:00+08:00') },
      { id: 'course-1', at: new Date('2026-04-01T20:00:00+08:00') },
    ];
    expect(guidanceCount(taken, 2026)).toBe(2);
  });
  it('a course completed on new year’s eve late at night in Shanghai counts for the old year', () => {
    const taken = [{ id: 'course-1', at: new Date('2026-12-31T23:30:00+08:00') }];
    expect(guidanceCount(taken, 2026)).toBe(1);
    expect(guidanceCount(taken, 2027)).toBe(0);
  });
});
