// The API's houses, streets and session shapes as the front ends name them: aliases of the generated wire types
// (wire.ts, from the OpenAPI document), never written out by hand.
import type { Item, Res } from './wire.ts';

export type Me = Res<'/api/auth/me', 'get'>;
export type SessionState = Res<'/api/auth/session', 'get'>;
export type House = Res<'/api/houses/{id}', 'get'>;
export type OpeningHours = Item<House['openingHours']>;
export type Facilities = House['facilities'];
export type Room = Item<House['rooms']>;
export type Street = Item<Res<'/api/streets', 'get'>>;
export type PublicStreet = Item<Res<'/api/public/streets', 'get'>>;
export type PublicHouse = Item<PublicStreet['houses']>;
