// The house and room shapes the API accepts and returns.
import { z } from 'zod';
import { localDate, timeOfDay } from '../../schemas.ts';

export const openingHoursSchema = z
  .array(
    z.strictObject({
      weekday: z.number().int().min(1).max(7),
      open: timeOfDay,
      close: timeOfDay,
    }),
  )
  .max(7);

export const facilitiesSchema = z.strictObject({
  drinkingWater: z.boolean().optional(),
  washroom: z.boolean().optional(),
  nursingRoom: z.boolean().optional(),
  ageAppropriateFurniture: z.boolean().optional(),
  outdoorArea: z.boolean().optional(),
});

export const roomInput = z.strictObject({
  name: z.string().trim().min(1).max(30),
  areaM2: z.number().positive().max(2000),
});

const houseFields = {
  name: z.string().trim().min(4).max(40),
  address: z.string().trim().min(4).max(100),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9-]{7,20}$/)
    .nullable()
    .optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  openingHours: openingHoursSchema,
  facilities: facilitiesSchema,
  cctvRetentionDays: z.number().int().min(0).max(3650),
  cctvNetworked: z.boolean(),
  alarmNetworked: z.boolean(),
  insurer: z.string().trim().max(60).nullable().optional(),
  insurancePolicyNo: z.string().trim().max(60).nullable().optional(),
  insuranceStart: localDate.nullable().optional(),
  insuranceEnd: localDate.nullable().optional(),
  /** R17: the published price per hour once a child's free sessions are used (fen; policy caps it at ¥100). */
  hourlyPriceFen: z.number().int().min(0).max(10000).optional(),
};

export const houseCreateInput = z.strictObject({
  streetId: z.uuid(),
  ...houseFields,
  rooms: z.array(roomInput).max(20).default([]),
});

export const houseUpdateInput = z.strictObject(houseFields).partial();

export const roomOutput = z.object({
  id: z.string(),
  name: z.string(),
  areaM2: z.number(),
  /** R3–R4: min(max class size, floor(area / m² per child)) */
  legalCapacity: z.number(),
  binding: z.enum(['classSize', 'area']),
});

export const houseOutput = z.object({
  id: z.string(),
  streetId: z.string(),
  streetName: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  suspendedReason: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  openingHours: openingHoursSchema,
  facilities: facilitiesSchema,
  cctvRetentionDays: z.number(),
  cctvNetworked: z.boolean(),
  alarmNetworked: z.boolean(),
  insurer: z.string().nullable(),
  insurancePolicyNo: z.string().nullable(),
  insuranceStart: z.string().nullable(),
  insuranceEnd: z.string().nullable(),
  hourlyPriceFen: z.number(),
  rooms: z.array(roomOutput),
  /** Sum of the rooms' legal capacities. */
  legalCapacity: z.number(),
  /** 托额 (T1): the places the street approved, never above the legal capacity; null until set. */
  approvedPlaces: z.number().nullable(),
  checks: z.object({
    /** R12: the liability insurance covers today. */
    insuranceCoversToday: z.boolean(),
    /** R11: footage kept at least as long as the policy asks. */
    cctvRetentionMet: z.boolean(),
    cctvRetentionRequiredDays: z.number(),
    /** R19: the required facilities (all but the optional outdoor area) are present. */
    facilitiesComplete: z.boolean(),
  }),
  /** The R3/R4 values the capacities were computed with (the policy in force today). */
  capacityRules: z.object({ minAreaPerChildM2: z.number(), maxClassSize: z.number() }),
  /** What the signed-in user may do with this house (the UI hides the rest). */
  permissions: z.object({ update: z.boolean(), suspend: z.boolean(), manageRooms: z.boolean(), manageFacts: z.boolean() }),
});

export type HouseOutput = z.infer<typeof houseOutput>;
export type HouseCreateInput = z.infer<typeof houseCreateInput>;
export type HouseUpdateInput = z.infer<typeof houseUpdateInput>;
