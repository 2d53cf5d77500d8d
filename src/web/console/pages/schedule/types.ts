// The schedule API's shapes as the console names them: aliases of the generated wire types (common/wire.ts).
import type { Item, Res } from '../../../common/wire.ts';

/** A weekly slot (GET /api/houses/:id/schedule). */
export type ScheduleSlot = Item<Res<'/api/houses/{id}/schedule', 'get'>>;
export type ServiceType = ScheduleSlot['serviceType'];

/** A house's staff (GET /api/houses/:id/staff) with whether they count for R5 and why they cannot be rostered. */
type HouseStaffMember = Item<Res<'/api/houses/{id}/staff', 'get'>>;

/** A session with its capacity and seats (GET /api/staff/sessions). */
export type StaffSession = Item<Res<'/api/staff/sessions', 'get'>>;

/** A person on a roster; the house's staff list adds countsForRatio and blockers. */
export type StaffMember = Item<StaffSession['carers']> & Partial<Pick<HouseStaffMember, 'countsForRatio' | 'blockers'>>;

/** A child booked into a session (GET /api/staff/sessions/:id/bookings). */
export type SessionBooking = Item<Res<'/api/staff/sessions/{id}/bookings', 'get'>>;
export type BookingStatus = SessionBooking['status'];

export type Closure = Item<Res<'/api/houses/{id}/closures', 'get'>>;

/** Roles counted for the carer ratio (R5); volunteers are not. */
export { RATIO_ROLES } from '../../../../domain/ratio.ts';

/** How far ahead the over-capacity banner and filter look (sessions are generated four weeks ahead). */
export const FLAG_HORIZON_DAYS = 28;
