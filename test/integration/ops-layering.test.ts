// Issue 9: the import rules of .dependency-cruiser.cjs hold (no circles, domain pure, web type-only from the
// server, queries import no service, services no routes), and care, attendance and staff reach each other only
// through the staffing service, which imports none of them.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs');
const known = require('../../.dependency-cruiser-known-violations.json');

async function cruiseSrc() {
  const result = await cruise(['src'], {
    ...config.options,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    knownViolations: known,
  });
  if (typeof result.output === 'string') throw new Error('expected a JSON result');
  return result.output;
}

describe('import rules', () => {
  it('no violation beyond the known ones', { timeout: 120_000 }, async () => {
    const out = await cruiseSrc();
    const errors = out.summary.violations.filter((v) => v.rule.severity === 'error');
    expect(errors.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('care, attendance and staff services go through staffing, which imports none of them; none imports a sibling back', {
    timeout: 120_000,
  }, async () => {
    const out = await cruiseSrc();
    const deps = (file: string) => out.modules.find((m) => m.source === file)?.dependencies.map((d) => d.resolved) ?? [];
    const services = ['care', 'attendance', 'staff'].map((m) => `src/server/modules/${m}/service.ts`);
    for (const s of services) expect(deps(s), s).toContain('src/server/modules/staffing/service.ts');
    // A service may use a sibling that never imports it back: care uses staff's roster check; nothing goes the other way.
    for (const [s, t] of [
      ['staff', 'care'],
      ['staff', 'attendance'],
      ['attendance', 'care'],
      ['attendance', 'staff'],
      ['care', 'attendance'],
    ]) {
      expect(deps(`src/server/modules/${s}/service.ts`), `${s} → ${t}`).not.toContain(`src/server/modules/${t}/service.ts`);
    }
    const staffing = deps('src/server/modules/staffing/service.ts');
    expect(staffing.filter((d) => /modules\/(care|attendance|staff)\/service\.ts$/.test(d))).toEqual([]);
    // The one R5 rule is used by capacity, the live ratio (both in staffing), compliance and the console.
    for (const user of [
      'src/server/modules/staffing/service.ts',
      'src/domain/compliance.ts',
      'src/web/console/pages/schedule/capacity.ts',
    ]) {
      expect(deps(user), user).toContain('src/domain/ratio.ts');
    }
  });

  it('the rules catch what they forbid', { timeout: 120_000 }, async () => {
    const rule = (name: string) => config.forbidden.find((r: { name: string }) => r.name === name);
    expect(rule('domain-is-pure').to.pathNot).toBe('^src/(domain|shared)/');
    expect(new RegExp(rule('queries-not-services-or-routes').to.path).test('src/server/modules/care/service.ts')).toBe(true);
    expect(new RegExp(rule('services-not-routes').to.path).test('src/server/modules/families/reviewRoutes.ts')).toBe(true);
    expect(rule('web-types-only-from-server').to.dependencyTypesNot).toEqual(['type-only']);
  });
});
