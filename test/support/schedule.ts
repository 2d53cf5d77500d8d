// Makes a session for booking tests: a new weekly slot in 四川北路's 62 m² room, in the week of 2026-11-30,
// with the first `carers` ratio staff of the house on its roster. Returns the generated session's id.
import { expect } from 'vitest';
import type { TestApp } from './testApp.ts';
import type { Client } from './client.ts';
import { addDays, districtInstant } from '../../src/domain/time.ts';

export async function weeklySession(
  t: TestApp,
  manager: Client,
  houseId: string,
  slot: { weekday: number; start: string; end: string; offered: number; carers?: number },
): Promise<string> {
  const house = (await manager.get(`/api/houses/${houseId}`)).json();
  const room = house.rooms.find((r: { areaM2: number }) => r.areaM2 === 62);
  const staff = await t.database.db
    .selectFrom('app_user')
    .select('id')
    .where('house_id', '=', houseId)
    .where('role', 'in', ['carer', 'house_manager', 'health_staff'])
    .orderBy('username')
    .limit(slot.carers ?? 4)
    .execute();
  const res = await manager.post(`/api/houses/${houseId}/schedule`, {
    roomId: room.id,
    weekday: slot.weekday,
    startTime: slot.start,
    endTime: slot.end,
    serviceType: 'hourly',
    offeredCapacity: slot.offered,
    carerIds: staff.map((s) => s.id),
  });
  expect(res.statusCode, res.body).toBe(201);
  const date = addDays('2026-11-30', slot.weekday - 1);
  const row = await t.database.db
    .selectFrom('care_session')
    .select('id')
    .where('room_id', '=', room.id)
    .where('starts_at', '=', districtInstant(date, slot.start))
    .executeTakeFirstOrThrow();
  return row.id;
}
