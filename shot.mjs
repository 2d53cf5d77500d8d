import { chromium } from 'playwright-core';
const [,, who, ...paths] = process.argv;
const base = 'http://localhost:3111';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const mobile = who === 'guardian';
const fsm = await import('node:fs');
const state = `/tmp/shots/${who.replace(/\W/g, '_')}.state.json`;
const stateOpt = fsm.existsSync(state) ? { storageState: state } : {};
const ctx = await b.newContext(mobile ? { ...stateOpt, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' } : { ...stateOpt, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
const p = await ctx.newPage();
p.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
if (stateOpt.storageState) {} else if (mobile) {
  await p.goto(`${base}/h5/`);
  await p.locator('[data-qa=login-phone] input').fill('13800000001');
  await p.click('[data-qa=login-send-code]');
  await p.waitForTimeout(4000);
  const fs = await import('node:fs');
  const log = fs.readFileSync('/tmp/demoC.log', 'utf8');
  const code = [...log.matchAll(/13800000001\] .*?(\d{6})/g)].pop()[1];
  await p.locator('[data-qa=login-code] input').fill(code);
  await p.click('[data-qa=login-submit]');
  await p.waitForTimeout(1500);
} else {
  await p.goto(`${base}/console/`);
  await p.fill('[data-qa=login-username] input, input[data-qa=login-username]', who).catch(() => p.locator('[data-qa=login-username]').fill(who));
  await p.locator('input[type=password]').fill('Demo@2026');
  await p.click('[data-qa=login-submit]');
  await p.waitForTimeout(1500);
}
await ctx.storageState({ path: state });
let i = 0;
if (paths[0] === "FIRSTCOURSE") { await p.goto(base + "/console/courses"); await p.waitForTimeout(1500); await p.locator("[data-qa=course-row]").nth(1).locator("[data-qa=course-edit]").click(); await p.waitForTimeout(2500); await p.screenshot({ path: "/tmp/shots/editor.png", fullPage: true }); console.log("editor"); paths.length = 0; }
for (const spec of paths) {
  let [path, qa] = spec.split('#');
  if (path.startsWith('COURSE:')) {
    const list = await p.evaluate(() => fetch('/api/family/courses').then((r) => r.json()));
    path = `/h5/guidance/courses/${list[Number(path.slice(7))].id}`;
  }
  await p.goto(`${base}${path}`);
  await p.waitForTimeout(2000);
  if (qa) { await p.locator(`[data-qa=${qa}]`).first().scrollIntoViewIfNeeded(); await p.waitForTimeout(500); }
  const file = `/tmp/shots/${who.replace(/\W/g, '_')}-${i++}.png`;
  await p.screenshot({ path: file, fullPage: !mobile });
  console.log(file);
}
await b.close();
