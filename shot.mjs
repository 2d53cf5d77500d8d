import { chromium } from 'playwright-core';
const [,, who, ...paths] = process.argv;
const base = 'http://localhost:3111';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const mobile = who === 'guardian';
const ctx = await b.newContext(mobile ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' } : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
const p = await ctx.newPage();
p.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
if (mobile) {
  await p.goto(`${base}/h5/`);
  await p.fill('[data-qa=login-phone] input, input[data-qa=login-phone]', '13800000001').catch(async () => { await p.locator('[data-qa=login-phone]').locator('input').fill('13800000001'); });
  await p.click('[data-qa=login-send-code]');
  await p.waitForTimeout(800);
  const fs = await import('node:fs');
  const log = fs.readFileSync('/tmp/demoC.log', 'utf8');
  const code = [...log.matchAll(/13800000001\D+(\d{6})/g)].pop()?.[1] ?? [...log.matchAll(/(\d{6})/g)].pop()[1];
  await p.locator('[data-qa=login-code]').locator('input').fill(code).catch(() => p.fill('[data-qa=login-code]', code));
  await p.click('[data-qa=login-submit]');
  await p.waitForTimeout(1500);
} else {
  await p.goto(`${base}/console/`);
  await p.fill('[data-qa=login-username] input, input[data-qa=login-username]', who).catch(() => p.locator('[data-qa=login-username]').fill(who));
  await p.locator('input[type=password]').fill('Demo@2026');
  await p.click('[data-qa=login-submit]');
  await p.waitForTimeout(1500);
}
let i = 0;
if (paths[0] === "FIRSTCOURSE") { await p.goto(base + "/console/courses"); await p.waitForTimeout(1500); await p.locator("[data-qa=course-row]").nth(1).locator("[data-qa=course-edit]").click(); await p.waitForTimeout(2500); await p.screenshot({ path: "/tmp/shots/editor.png", fullPage: true }); console.log("editor"); paths.length = 0; }
for (const path of paths) {
  await p.goto(`${base}${path}`);
  await p.waitForTimeout(2000);
  const file = `/tmp/shots/${who.replace(/\W/g, '_')}-${i++}.png`;
  await p.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await b.close();
