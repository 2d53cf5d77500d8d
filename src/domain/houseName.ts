// R18: houses are named "XX街道‘宝宝屋’" or "XX社区‘宝宝屋’" (A2 §12), optionally with a site in brackets.

const QUOTE_OPEN = `‘'"“「`;
const QUOTE_CLOSE = `’'"”」`;
const NAME_PATTERN = new RegExp(
  `^([\\u4e00-\\u9fa5A-Za-z0-9·]{1,20}?)(街道|社区)[${QUOTE_OPEN}]宝宝屋[${QUOTE_CLOSE}](?:[((]([^()()]{1,20})[))])?$`,
);

export type HouseNameCheck =
  | { ok: true; canonical: string; unit: string; kind: '街道' | '社区'; site?: string }
  | { ok: false; reason: 'HOUSE_NAME_INVALID' | 'HOUSE_STREET_MISMATCH' };

/**
 * Checks a house name against R18 and returns it in canonical form (‘’ quotes, full-width brackets).
 * A 街道 name must name the house's own street; a 社区 name names a community inside it.
 */
export function checkHouseName(raw: string, streetName: string): HouseNameCheck {
  const name = raw.trim();
  const m = NAME_PATTERN.exec(name);
  if (!m) return { ok: false, reason: 'HOUSE_NAME_INVALID' };
  const [, unit, kind, site] = m as unknown as [string, string, '街道' | '社区', string | undefined];
  if (kind === '街道' && `${unit}街道` !== streetName) return { ok: false, reason: 'HOUSE_STREET_MISMATCH' };
  const canonical = `${unit}${kind}‘宝宝屋’${site ? `(${site.trim()})` : ''}`;
  return { ok: true, canonical, unit, kind, site: site?.trim() };
}
