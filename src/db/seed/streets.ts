// Hongkou District's eight streets (街道): public administrative reference data, present in every database.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

export const HONGKOU_STREETS = [
  { code: 'scbl', name: '四川北路街道', short_name: '四川北路' },
  { code: 'bwt', name: '北外滩街道', short_name: '北外滩' },
  { code: 'jxl', name: '嘉兴路街道', short_name: '嘉兴路' },
  { code: 'oyl', name: '欧阳路街道', short_name: '欧阳路' },
  { code: 'gzl', name: '广中路街道', short_name: '广中路' },
  { code: 'qyl', name: '曲阳路街道', short_name: '曲阳路' },
  { code: 'lcxc', name: '凉城新村街道', short_name: '凉城新村' },
  { code: 'jwz', name: '江湾镇街道', short_name: '江湾镇' },
] as const;

export type StreetCode = (typeof HONGKOU_STREETS)[number]['code'];

export async function ensureStreets(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('street')
    .values(HONGKOU_STREETS.map((s, i) => ({ ...s, sort_order: i + 1 })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
