// The booking API's shapes as the front ends name them: aliases of the generated wire types (wire.ts).
import type { Item, Res } from './wire.ts';

/** GET /api/sessions: a coming session with its seats (no sign-in needed). */
export type PublicSession = Item<Res<'/api/sessions', 'get'>>;
export type ServiceType = PublicSession['serviceType'];
/** POST /api/bookings (201, or 200 when the Idempotency-Key was seen before) and accept-offer. */
export type BookingResult = Res<'/api/bookings', 'post'>;
/** GET /api/bookings?scope=upcoming|past */
export type MyBooking = Item<Res<'/api/bookings', 'get'>>;
export type BookingStatus = MyBooking['status'];
/** POST /api/bookings/:id/cancel */
export type CancelResult = Res<'/api/bookings/{id}/cancel', 'post'>;
/** GET /api/children/:id/entitlement?year= (T3) */
export type Entitlement = Res<'/api/children/{id}/entitlement', 'get'>;
/** GET /api/public/houses/nearby?lat=&lng= (the 15-minute service circle) */
export type NearbyHouse = Item<Res<'/api/public/houses/nearby', 'get'>>;
