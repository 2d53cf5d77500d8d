// Parenting guidance as the H5 reads it (GET /api/guidance/*, /api/family/guidance), and the paths of those reads in
// the shared cache of booking/store.ts: after an enrolment, a cancellation or an accepted seat, refreshGuidance()
// brings every screen up to date.
import { formatDateZh } from '../../common/i18n.ts';
import { t } from '../i18n/index.ts';
import { refresh, useApi } from '../booking/store.ts';
import type { Item, Res } from '../../common/wire.ts';

// The wire types come from the OpenAPI document (src/web/common/api.gen.ts), never written out by hand.
export type GuidanceEvent = Item<Res<'/api/guidance/events', 'get'>>;
export type FamilyGuidance = Res<'/api/family/guidance', 'get'>;
export type FamilyEnrolment = FamilyGuidance['enrolments'][number];
export type EnrolmentStatus = FamilyEnrolment['status'];
export type EnrolmentResult = Res<'/api/guidance/enrolments', 'post'>;
export type Topic = Item<Res<'/api/guidance/topics', 'get'>>;

export const familyGuidancePath = (year: number | string) => `/api/family/guidance?year=${year}`;
export const eventPath = (id: string) => `/api/guidance/events/${id}`;

export const useFamilyGuidance = (year: number | string | null) => useApi<FamilyGuidance>(year ? familyGuidancePath(year) : null);
export const useTopics = () => useApi<Topic[]>('/api/guidance/topics');

/** Everything an enrolment touches: seats and waiting lists of the events, the family's year. */
export const refreshGuidance = () => refresh('/api/guidance/', '/api/family/guidance');

/** Enrolments still holding or waiting for a seat, for an event that has not ended. */
export const isComing = (e: FamilyEnrolment, now: number) =>
  (e.status === 'confirmed' || e.status === 'waitlisted' || e.status === 'offered') &&
  e.event.status === 'published' &&
  new Date(e.event.endsAt).getTime() > now &&
  !e.attendedAt;

/** '12月10日 周四' (the year left out: guidance is at most weeks ahead). */
export const dayText = (date: string) => formatDateZh(date).replace(/^\d+年/, '');

/** '12–36 个月' */
export const ageBand = (e: Pick<GuidanceEvent, 'minAgeMonths' | 'maxAgeMonths'>) =>
  e.maxAgeMonths >= 72 ? t('guidance.ageFrom', { min: e.minAgeMonths }) : t('guidance.age', { min: e.minAgeMonths, max: e.maxAgeMonths });

/** '余 3 位' or '已满可候补' */
export const seatsLine = (e: Pick<GuidanceEvent, 'seatsLeft'>) =>
  e.seatsLeft > 0 ? t('guidance.seatsLeft', { n: e.seatsLeft }) : t('guidance.full');

/** The enrolment's status as the family reads it: '已报名', or '候补第 2 位' for a family waiting in line. */
export const enrolmentStatusText = (e: Pick<FamilyEnrolment, 'status' | 'queuePosition'>) =>
  e.status === 'waitlisted' && e.queuePosition ? t('guidance.queuePosition', { n: e.queuePosition }) : t(`guidance.status.${e.status}`);

/** Where: the place, or 线上直播. */
export const placeText = (e: Pick<GuidanceEvent, 'mode' | 'place'>) => (e.mode === 'online' ? t('guidance.online') : (e.place ?? ''));
