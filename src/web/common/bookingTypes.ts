// The booking API's response shapes as the front ends use them (mirrors the zod schemas in
// src/server/modules/bookings/routes.ts).

export type ServiceType = 'temporary' | 'hourly';
export type BookingStatus = 'confirmed' | 'waitlisted' | 'offered' | 'cancelled' | 'no_show' | 'expired';

/** GET /api/sessions: a coming session with its seats (no sign-in needed). */
export interface PublicSession {
  id: string;
  houseId: string;
  houseName: string;
  streetId: string;
  streetName: string;
  roomName: string;
  /** 'YYYY-MM-DD' in the district */
  date: string;
  startsAt: string;
  endsAt: string;
  serviceType: ServiceType;
  capacity: number;
  /** Seats held (confirmed or offered to the waiting list). */
  confirmed: number;
  seatsLeft: number;
  waitlisted: number;
  /** The house's published price for this session once the free ones are used (fen). */
  priceFen: number;
  bookingOpensAt: string;
  bookable: boolean;
}

/** POST /api/bookings (201, or 200 when the Idempotency-Key was seen before) and accept-offer. */
export interface BookingResult {
  id: string;
  status: BookingStatus;
  free: boolean;
  priceFen: number;
  offeredUntil: string | null;
}

/** GET /api/bookings?scope=upcoming|past */
export interface MyBooking {
  id: string;
  status: BookingStatus;
  childId: string;
  childName: string;
  sessionId: string;
  houseId: string;
  houseName: string;
  houseAddress: string;
  roomName: string;
  date: string;
  startsAt: string;
  endsAt: string;
  serviceType: ServiceType;
  free: boolean;
  priceFen: number;
  offeredUntil: string | null;
  /** Place in the queue while waitlisted (1 = next). */
  queuePosition: number | null;
  /** Set when the house cancelled (closure, capacity). */
  cancelReason: string | null;
  /** Until when cancelling returns the free session. */
  freeCancellationUntil: string;
  canCancel: boolean;
}

/** POST /api/bookings/:id/cancel */
export interface CancelResult {
  status: 'cancelled';
  entitlementReturned: boolean;
}

/** GET /api/children/:id/entitlement?year= (T3) */
export interface Entitlement {
  year: number;
  freeTotal: number;
  used: number;
  remaining: number;
}

/** GET /api/public/houses/nearby?lat=&lng= (the 15-minute service circle) */
export interface NearbyHouse {
  id: string;
  name: string;
  streetName: string;
  address: string;
  metres: number;
  minutes: number;
  withinCircle: boolean;
}
