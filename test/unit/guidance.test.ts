// The T5 rules of src/domain/guidance.ts: who may enrol, what an arriving enrolment gets, when a live link shows and
// how a family's year is counted (twins once, cancelled events not at all, the year boundary in district time).
import { describe, expect, it } from 'vitest';
import {
  arrivingStatus,
  changesFamiliesNeed,
  enrolmentRefusal,
  guidanceCount,
  guidanceProgress,
  meetingLinkShown,
  type EventEssentials,
} from '../../src/domain/guidance.ts';
import { defaultPolicy } from '../../src/domain/policy.ts';

const at = (iso: string) => new Date(iso);
const event = {
  status: 'published',
  startsAt: at('2026-12-10T09:30:00+08:00'),
  date: '2026-12-10',
  minAgeMonths: 12,
  maxAgeMonths: 24,
};

describe('who may enrol (enrolmentRefusal)', () => {
  const now = at('2026-12-01T09:00:00+08:00');
  it('a family with a child within the age band on the event’s date', () => {
    expect(enrolmentRefusal(event, ['2025-06-01'], now)).toBeNull(); // 18 months on 2026-12-10
  });
  it('not when every child is outside the band, at either end', () => {
    expect(enrolmentRefusal(event, ['2026-03-01'], now)).toBe('NO_CHILD_OF_AGE'); // 9 months
    expect(enrolmentRefusal(event, ['2024-06-01'], now)).toBe('NO_CHILD_OF_AGE'); // 30 months
  });
  it('twins or siblings: one child in the band is enough', () => {
    expect(enrolmentRefusal(event, ['2024-01-01', '2025-06-01'], now)).toBeNull();
  });
  it('not into a cancelled event, nor once it has started', () => {
    expect(enrolmentRefusal({ ...event, status: 'cancelled' }, ['2025-06-01'], now)).toBe('EVENT_CANCELLED');
    expect(enrolmentRefusal(event, ['2025-06-01'], at('2026-12-10T09:30:00+08:00'))).toBe('EVENT_STARTED');
  });
});

describe('what an arriving enrolment gets (arrivingStatus)', () => {
  it('a seat while one is free and nobody waits; the waiting list otherwise', () => {
    expect(arrivingStatus(29, 30, false)).toBe('confirmed');
    expect(arrivingStatus(30, 30, false)).toBe('waitlisted');
    // A seat held for the first in line (offered) is not free for a newcomer, and nobody jumps the queue.
    expect(arrivingStatus(29, 30, true)).toBe('waitlisted');
  });
});

describe('when a live session’s link is shown (meetingLinkShown)', () => {
  const live = { mode: 'online', startsAt: at('2026-12-10T19:00:00+08:00'), endsAt: at('2026-12-10T20:00:00+08:00') };
  const policy = defaultPolicy(); // 30 minutes before
  it('to a confirmed family from 30 minutes before the start until the end', () => {
    expect(meetingLinkShown(live, 'confirmed', at('2026-12-10T18:29:00+08:00'), policy)).toBe(false);
    expect(meetingLinkShown(live, 'confirmed', at('2026-12-10T18:30:00+08:00'), policy)).toBe(true);
    expect(meetingLinkShown(live, 'confirmed', at('2026-12-10T19:59:00+08:00'), policy)).toBe(true);
    expect(meetingLinkShown(live, 'confirmed', at('2026-12-10T20:00:00+08:00'), policy)).toBe(false);
  });
  it('never to a family still waiting, nor for an event on site', () => {
    expect(meetingLinkShown(live, 'waitlisted', at('2026-12-10T19:10:00+08:00'), policy)).toBe(false);
    expect(meetingLinkShown({ ...live, mode: 'offline' }, 'confirmed', at('2026-12-10T19:10:00+08:00'), policy)).toBe(false);
  });
});

describe('a family’s year against T5 (guidanceCount, guidanceProgress)', () => {
  it('counts each event once: twins at one event are one session for the family', () => {
    const twins = [
      { id: 'e1', at: at('2026-03-01T10:00:00+08:00') },
      { id: 'e1', at: at('2026-03-01T10:00:00+08:00') },
      { id: 'e2', at: at('2026-04-01T10:00:00+08:00') },
    ];
    expect(guidanceCount(twins, 2026)).toBe(2);
  });
  it('a cancelled event does not count, even with an attendance on it', () => {
    expect(guidanceCount([{ id: 'e1', at: at('2026-03-01T10:00:00+08:00'), cancelled: true }], 2026)).toBe(0);
  });
  it('the year is the district’s: 31 December 23:30 in Shanghai belongs to that year, not the next', () => {
    const late = [{ id: 'e1', at: at('2026-12-31T23:30:00+08:00') }]; // 15:30 UTC
    const early = [{ id: 'e2', at: at('2027-01-01T00:30:00+08:00') }]; // still 2026 in UTC
    expect(guidanceCount(late, 2026)).toBe(1);
    expect(guidanceCount(early, 2026)).toBe(0);
    expect(guidanceCount(early, 2027)).toBe(1);
  });
  it('progress against the parameter (10 by default, configurable)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, at: at(`2026-0${(i % 9) + 1}-15T10:00:00+08:00`) }));
    expect(guidanceProgress(ten.slice(0, 4), 2026, defaultPolicy())).toEqual({ year: 2026, done: 4, target: 10, reached: false });
    expect(guidanceProgress(ten, 2026, defaultPolicy()).reached).toBe(true);
    expect(guidanceProgress(ten, 2026, { 'guidance.sessionsPerYear': 12 }).reached).toBe(false);
  });
});

describe('what an edit changes that the enrolled families are told of (changesFamiliesNeed)', () => {
  const onSite: EventEssentials = {
    mode: 'offline',
    startsAt: at('2026-12-10T09:30:00+08:00'),
    endsAt: at('2026-12-10T10:30:00+08:00'),
    place: '早教中心二楼活动室',
    meetingUrl: null,
  };
  const live: EventEssentials = { ...onSite, mode: 'online', place: null, meetingUrl: 'https://meeting.example.cn/j/1' };
  it('nothing when only what the family does not rely on changed (the same essentials)', () => {
    expect(changesFamiliesNeed(onSite, { ...onSite })).toEqual([]);
    expect(changesFamiliesNeed(live, { ...live })).toEqual([]);
  });
  it('a new start or a new end is a new time; a new day too', () => {
    expect(changesFamiliesNeed(onSite, { ...onSite, startsAt: at('2026-12-10T09:00:00+08:00') })).toEqual(['time']);
    expect(changesFamiliesNeed(onSite, { ...onSite, endsAt: at('2026-12-10T11:00:00+08:00') })).toEqual(['time']);
    expect(
      changesFamiliesNeed(onSite, { ...onSite, startsAt: at('2026-12-11T09:30:00+08:00'), endsAt: at('2026-12-11T10:30:00+08:00') }),
    ).toEqual(['time']);
  });
  it('a new place of an event on site; spaces around it are no change', () => {
    expect(changesFamiliesNeed(onSite, { ...onSite, place: '一楼大厅' })).toEqual(['place']);
    expect(changesFamiliesNeed(onSite, { ...onSite, place: ' 早教中心二楼活动室 ' })).toEqual([]);
  });
  it('a new link of a live session; a link on an event on site is not looked at', () => {
    expect(changesFamiliesNeed(live, { ...live, meetingUrl: 'https://meeting.example.cn/j/2' })).toEqual(['meetingUrl']);
    expect(changesFamiliesNeed(onSite, { ...onSite, meetingUrl: 'https://x.example.cn' })).toEqual([]);
  });
  it('on site to online brings the link, online to on site the place; with the time when both change', () => {
    expect(changesFamiliesNeed(onSite, live)).toEqual(['mode', 'meetingUrl']);
    expect(changesFamiliesNeed(live, onSite)).toEqual(['mode', 'place']);
    expect(changesFamiliesNeed(live, { ...onSite, startsAt: at('2026-12-10T09:45:00+08:00') })).toEqual(['time', 'mode', 'place']);
  });
});
