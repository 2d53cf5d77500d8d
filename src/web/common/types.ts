// The API's response shapes as the front ends use them (mirrors the zod schemas in src/server/modules).

export interface Me {
  user: {
    id: string; role: string; displayName: string; streetId: string | null; houseId: string | null; department: string | null;
    phoneMasked: string | null;
  };
  csrfToken: string;
  /** The server's date in the district ('YYYY-MM-DD'): use it for "today" on screens. */
  today: string;
  /** The server's current time (ISO). */
  now: string;
  actions: string[];
}

export interface OpeningHours { weekday: number; open: string; close: string }

export interface Facilities {
  drinkingWater?: boolean;
  washroom?: boolean;
  nursingRoom?: boolean;
  ageAppropriateFurniture?: boolean;
  outdoorArea?: boolean;
}

export interface Room { id: string; name: string; areaM2: number; legalCapacity: number; binding: 'classSize' | 'area' }

export interface House {
  id: string;
  streetId: string;
  streetName: string;
  name: string;
  address: string;
  phone: string | null;
  status: 'active' | 'suspended';
  suspendedReason: string | null;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours[];
  facilities: Facilities;
  cctvRetentionDays: number;
  cctvNetworked: boolean;
  alarmNetworked: boolean;
  insurer: string | null;
  insurancePolicyNo: string | null;
  insuranceStart: string | null;
  insuranceEnd: string | null;
  rooms: Room[];
  legalCapacity: number;
  checks: { insuranceCoversToday: boolean; cctvRetentionMet: boolean; cctvRetentionRequiredDays: number; facilitiesComplete: boolean };
  /** R17: the published price per hour beyond the free sessions, in fen. */
  hourlyPriceFen: number;
  capacityRules: { minAreaPerChildM2: number; maxClassSize: number };
  permissions: { update: boolean; suspend: boolean; manageRooms: boolean; manageFacts: boolean };
}

export interface Street { id: string; code: string; name: string; shortName: string; houseCount: number; activeHouseCount: number }

export interface PublicHouse {
  id: string; name: string; address: string; phone: string | null; latitude: number | null; longitude: number | null;
  openingHours: OpeningHours[]; facilities: Facilities; legalCapacity: number; roomCount: number;
}
export interface PublicStreet { id: string; name: string; shortName: string; houses: PublicHouse[] }
