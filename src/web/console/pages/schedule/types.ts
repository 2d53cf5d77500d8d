// The schedule API's response shapes as the console uses them (mirrors src/server/modules/care/routes.ts and the
// staff parts of src/server/modules/bookings/routes.ts).
import type { CapacityTerm } from '../../../../domain/capacity.ts';

export type ServiceType = 'temporary' | 'hourly';

/** A weekly slot (GET /api/houses/:id/schedule). */
export interface ScheduleSlot {
  id: string;
  roomId: string;
  roomName: string;
  weekday: number;
  startTime: string;
  endTime: string;
  serviceType: ServiceType;
  offeredCapacity: number;
  active: boolean;
  carerIds: string[];
}

export interface StaffMember {
  id: string;
  name: string;
  role: string;
  /** Volunteers help but do not count for R5 (GET /api/houses/:id/staff). */
  countsForRatio?: boolean;
  /** Why the person cannot be rostered on the date asked for (R7–R9 codes); empty or absent: they can. */
  blockers?: string[];
}

/** A session with its capacity and seats (GET /api/staff/sessions). */
export interface StaffSession {
  id: string;
  houseId: string;
  houseName: string;
  streetName: string;
  roomId: string;
  roomName: string;
  date: string;
  startsAt: string;
  endsAt: string;
  serviceType: ServiceType;
  status: 'scheduled' | 'cancelled';
  cancelReason: string | null;
  offeredCapacity: number;
  capacity: number;
  capacityBinding: CapacityTerm | string;
  confirmed: number;
  offered: number;
  waitlisted: number;
  seatsLeft: number;
  overCapacity: boolean;
  carers: StaffMember[];
}

export type BookingStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'no_show' | 'expired';

/** A child booked into a session (GET /api/staff/sessions/:id/bookings). */
export interface SessionBooking {
  id: string;
  status: BookingStatus;
  childId: string;
  childName: string;
  ageMonths: number;
  queuePosition: number;
  free: boolean;
  offeredUntil: string | null;
}

export interface Closure {
  id: string;
  fromDate: string;
  toDate: string;
  reason: string;
  createdAt: string;
}

/** Roles counted for the carer ratio (R5); volunteers are not. */
export { RATIO_ROLES } from '../../../../domain/ratio.ts';

/** How far ahead the over-capacity banner and filter look (sessions are generated four weeks ahead). */
export const FLAG_HORIZON_DAYS = 28;
