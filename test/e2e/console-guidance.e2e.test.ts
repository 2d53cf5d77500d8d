// Parenting guidance (issue 11) in the console on a desktop: a provider's 指导师 publishes an event through the form,
// a guardian enrols through the API, the clock moves to the event's morning and the 指导师 ticks the family present
// on the 签到 list; the list shows it. A street admin reads the same events without the organiser's buttons.
import { describe, expect, it } from 'vitest';
import { desktopPage, pickDate, screenshot, seed, signInConsole, useE2E } from './harness.ts';
import { signIn as apiSignIn, signInGuardian } from '../support/client.ts';

interface Account {
  username: string;
  password: string;
}
interface Family {
  phone: string;
  childName: string;
}

// Tuesday 1 December 2026, 09:00 in Shanghai; the event is the next Tuesday.
const app = useE2E('2026-12-01T09:00:00+08:00');
const EVENT_DAY = '2026-12-08';

describe('console: parenting guidance', () => {
  it('lets a 指导师 publish an event, and tick a family present on the day', async () => {
    const e2e = app();
    const provider = await seed<Account>(e2e, 'account', { role: 'guidance_provider', displayName: '周老师' });
    const family = await seed<Family>(e2e, 'family', { guardianName: '林晓雯' });

    let page = await desktopPage(e2e);
    await signInConsole(e2e, page, provider.username, provider.password);
    // The 指导师's only work is guidance: it is the home page.
    await page.waitForURL(/\/console\/guidance/);
    await page.locator('[data-qa=guidance-publish]').click();
    const modal = page.locator('.ant-modal', { hasText: '发布育儿指导活动' });
    await modal.waitFor();

    // The first attempt leaves out the place of an in-person event: the form says so on the field.
    await modal.locator('[data-qa=event-title]').fill('婴幼儿辅食添加与喂养');
    await modal.locator('[data-qa=event-topic]').click();
    await page.locator('.ant-select-item-option').first().click();
    await modal.locator('[data-qa=event-leader]').fill('周敏');
    await modal.locator('[data-qa=event-description]').fill('讲解 6–24 月龄辅食添加的顺序与分量,现场演示辅食制作。');
    await pickDate(page, 'event-date', EVENT_DAY);
    const times = modal.locator('.ant-picker-range input');
    await times.nth(0).click();
    await times.nth(0).fill('09:30');
    await times.nth(0).press('Enter');
    await times.nth(1).fill('11:00');
    await times.nth(1).press('Enter');
    await modal.locator('input[data-qa=event-seats]').or(modal.locator('[data-qa=event-seats] input')).first().fill('12');
    await modal.locator('[data-qa=event-save]').click();
    await modal.getByText('线下活动须填写地点').waitFor();
    // A live session with a link that is not https:// is refused by the server, and the form says so on the link.
    await modal.locator('[data-qa=event-mode]').getByText('线上直播').click();
    await modal.locator('[data-qa=event-meeting-url]').fill('http://meeting.example.cn/123');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/guidance/manage/events') && r.request().method() === 'POST');
    await modal.locator('[data-qa=event-save]').click();
    expect((await refused).status()).toBe(422);
    await modal.locator('.ant-form-item-explain-error', { hasText: '线上直播须填写以 https:// 开头的参会链接' }).waitFor();
    await screenshot(page, 'console-guidance-form-error');
    await modal.locator('[data-qa=event-mode]').getByText('线下').click();
    await modal.locator('[data-qa=event-place]').fill('四川北路早教中心 2 楼亲子活动室');
    await screenshot(page, 'console-guidance-form');

    const saved = page.waitForResponse((r) => r.url().endsWith('/api/guidance/manage/events') && r.request().method() === 'POST');
    await modal.locator('[data-qa=event-save]').click();
    const res = await saved;
    expect(res.status(), await res.text()).toBe(201);
    const event = (await res.json()) as { id: string };
    await modal.waitFor({ state: 'hidden' });
    const listed = page.locator('[data-qa=guidance-row]', { hasText: '婴幼儿辅食添加与喂养' });
    await listed.waitFor();
    expect(await listed.textContent()).toContain('2026年12月8日 周二');
    expect(await listed.textContent()).toContain('09:30–11:00');
    expect(await listed.textContent()).toContain('线下');
    expect(await listed.locator('[data-qa=guidance-seats]').textContent()).toContain('已报名 0 / 名额 12');

    // A guardian enrols through the API: a seat at once.
    const guardian = await signInGuardian(e2e.test.app, family.phone);
    const enrolled = await guardian.post('/api/guidance/enrolments', { eventId: event.id });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json().status).toBe('confirmed');

    await page.reload();
    await listed.waitFor();
    expect(await listed.locator('[data-qa=guidance-seats]').textContent()).toContain('已报名 1 / 名额 12');
    await screenshot(page, 'console-guidance-list');

    // The 指导师 moves the event half an hour later: before saving, the form warns that the enrolled family is told.
    await listed.locator('[data-qa=guidance-edit]').click();
    const edit = page.locator('.ant-modal', { hasText: '编辑活动' });
    await edit.waitFor();
    const editTimes = edit.locator('.ant-picker-range input');
    await editTimes.nth(0).click();
    await editTimes.nth(0).fill('10:00');
    await editTimes.nth(0).press('Enter');
    await editTimes.nth(1).fill('11:30');
    await editTimes.nth(1).press('Enter');
    await edit.locator('[data-qa=event-save]').click();
    const warning = page.locator('[data-qa=event-change-warning]');
    await warning.waitFor();
    expect(await warning.getAttribute('data-families')).toBe('1');
    expect(await warning.textContent()).toContain('已报名的 1 个家庭将收到变更通知');
    expect(await warning.textContent()).toContain('变更内容:时间');
    await page.waitForTimeout(400); // the dialog's fade-in
    await screenshot(page, 'console-guidance-change-warning');
    const changed = page.waitForResponse(
      (r) => r.url().endsWith(`/api/guidance/manage/events/${event.id}`) && r.request().method() === 'PUT',
    );
    await page.locator('[data-qa=event-change-confirm]').click();
    expect((await changed).status()).toBe(200);
    await page.locator('.ant-message', { hasText: '活动已保存,已短信通知 1 个家庭' }).waitFor();
    await page.locator('[data-qa=guidance-row]', { hasText: '10:00–11:30' }).waitFor();
    const outbox = await e2e.test.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${family.phone}` });
    const told = (outbox.json() as { template: string; body: string }[]).filter((m) => m.template === 'guidanceChanged');
    expect(told.map((m) => m.body)).toEqual([
      expect.stringContaining('时间改为 2026年12月8日 周二 10:00–11:30,地点:四川北路早教中心 2 楼亲子活动室'),
    ]);

    // The event's morning, a quarter of an hour before it starts: the 指导师 ticks the family present.
    // A week on, the session has long ended: the 指导师 signs in again.
    e2e.test.clock.set(new Date(`${EVENT_DAY}T09:15:00+08:00`));
    await page.context().close();
    page = await desktopPage(e2e);
    await signInConsole(e2e, page, provider.username, provider.password);
    const row = page.locator('[data-qa=guidance-row]', { hasText: '婴幼儿辅食添加与喂养' });
    await row.locator('[data-qa=guidance-roster]').click();
    const drawer = page.locator('.ant-drawer', { hasText: '签到 · 婴幼儿辅食添加与喂养' });
    const familyRow = drawer.locator('[data-qa=roster-row]', { hasText: '林晓雯' });
    await familyRow.waitFor();
    expect(await familyRow.textContent()).toContain('已报名');
    expect(await familyRow.textContent()).toContain(family.childName);
    expect(await familyRow.textContent()).toContain(`${family.phone.slice(0, 3)}****${family.phone.slice(-4)}`);
    const ticked = page.waitForResponse((r) => r.url().endsWith(`/api/guidance/manage/events/${event.id}/attendance`));
    await familyRow.locator('[data-qa=roster-tick]').click();
    expect((await ticked).status()).toBe(200);
    await page.locator('.ant-message', { hasText: '林晓雯 已签到' }).waitFor();
    await familyRow.locator('[data-qa=roster-attended]', { hasText: '已签到' }).waitFor();
    expect(await drawer.locator('[data-qa=roster-summary]').textContent()).toContain('已签到 1 户');
    await screenshot(page, 'console-guidance-roster');

    // A wrong door code is refused in Chinese.
    await drawer.locator('[data-qa=roster-code]').fill('000000');
    await drawer.locator('[data-qa=roster-code-submit]').click();
    await page.locator('.ant-message', { hasText: '签到码不正确' }).waitFor();

    // Back on the list, the event shows the family attended.
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await row.locator('[data-qa=guidance-attended]', { hasText: '已签到 1' }).waitFor();
    await screenshot(page, 'console-guidance-attended');
    await page.context().close();

    // The street admin of 四川北路 reads the event without the organiser's buttons.
    const street = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const streetPage = await desktopPage(e2e);
    await signInConsole(e2e, streetPage, street.username, street.password);
    await streetPage.locator('[data-qa=nav-guidance]').click();
    await streetPage.locator('[data-qa=guidance-readonly]').waitFor();
    await streetPage.locator('[data-qa=guidance-row]', { hasText: '婴幼儿辅食添加与喂养' }).waitFor();
    expect(await streetPage.locator('[data-qa=guidance-publish]').count()).toBe(0);
    expect(await streetPage.locator('[data-qa=guidance-roster]').count()).toBe(0);
    await screenshot(streetPage, 'console-guidance-street');
    await streetPage.context().close();
  });

  it('lets the district register a provider and the system admin open a 指导师 account for it', async () => {
    const e2e = app();
    const district = await seed<Account>(e2e, 'account', { role: 'district_admin' });
    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, district.username, district.password);
    await page.locator('[data-qa=nav-providers]').click();
    await page.locator('[data-qa=provider-add]').click();
    const modal = page.locator('.ant-modal', { hasText: '新增指导机构' });
    await modal.waitFor();
    await modal.locator('[data-qa=provider-name]').fill('嘉兴路社区卫生服务中心');
    await modal.locator('[data-qa=provider-kind]').click();
    await page.locator('.ant-select-item-option', { hasText: '社区卫生服务中心' }).click();
    await modal.locator('[data-qa=provider-street]').click();
    await page.locator('.ant-select-item-option', { hasText: '嘉兴路街道' }).click();
    await modal.locator('[data-qa=provider-address]').fill('虹口区嘉兴路 266 号');
    await modal.locator('[data-qa=provider-phone]').fill('021-6541-0000');
    // Open Monday to Friday by default; Saturday mornings too.
    const saturday = modal.locator('[data-qa=hours-6]');
    await saturday.locator('.ant-switch').click();
    const satTimes = saturday.locator('.ant-picker-range input');
    await satTimes.nth(0).click();
    await satTimes.nth(0).fill('09:00');
    await satTimes.nth(0).press('Enter');
    await satTimes.nth(1).fill('12:00');
    await satTimes.nth(1).press('Enter');
    await modal.locator('.ant-modal-title').click(); // the picker closes
    await screenshot(page, 'console-providers-form');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/guidance/providers') && r.request().method() === 'POST');
    await page.locator('[data-qa=provider-save]').click();
    expect((await saved).status()).toBe(201);
    const row = page.locator('[data-qa=provider-row]', { hasText: '嘉兴路社区卫生服务中心' });
    await row.waitFor();
    expect(await row.textContent()).toContain('嘉兴路街道');
    expect(await row.locator('[data-qa=provider-hours] span').allTextContents()).toEqual(['周一至周五 08:30–17:00', '周六 09:00–12:00']);
    await screenshot(page, 'console-providers');
    await page.context().close();

    const system = await seed<Account>(e2e, 'account', { role: 'system_admin' });
    const admin = await desktopPage(e2e);
    await signInConsole(e2e, admin, system.username, system.password);
    await admin.locator('[data-qa=nav-users]').click();
    await admin.locator('[data-qa=user-create]').click();
    const drawer = admin.locator('[data-qa=user-form]');
    await drawer.waitFor();
    await drawer.locator('[data-qa=user-form-role]').click();
    await admin.locator('.ant-select-item-option', { hasText: '指导师' }).click();
    await drawer.locator('[data-qa=user-form-provider]').click();
    await admin.locator('.ant-select-item-option', { hasText: '嘉兴路社区卫生服务中心' }).click();
    await drawer.locator('[data-qa=user-form-username]').fill('jxl.zhidao');
    await drawer.locator('[data-qa=user-form-display-name]').fill('王芳');
    await drawer
      .locator('input[data-qa=user-form-password]')
      .or(drawer.locator('[data-qa=user-form-password] input'))
      .first()
      .fill('Zhidao-2026!');
    await screenshot(admin, 'console-users-guidance-provider');
    const created = admin.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');
    await admin.locator('[data-qa=user-form-submit]').click();
    const res = await created;
    expect(res.status(), await res.text()).toBe(201);
    await admin.getByText('嘉兴路社区卫生服务中心').first().waitFor();
    await screenshot(admin, 'console-users-list');
    await admin.context().close();
  });

  it('lets a 指导师 cancel an event with a reason, telling the families by SMS', async () => {
    const e2e = app();
    const provider = await seed<Account>(e2e, 'account', { role: 'guidance_provider' });
    const family = await seed<Family>(e2e, 'family', { guardianName: '陈雨萱' });
    const api = await apiSignIn(e2e.test.app, provider.username, provider.password);
    const topic = ((await api.get('/api/guidance/topics')).json() as { code: string }[])[0]!.code;
    const today = e2e.test.clock.now().toISOString().slice(0, 10);
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const made = await api.post('/api/guidance/manage/events', {
      title: '亲子阅读启蒙',
      topic,
      minAgeMonths: 0,
      maxAgeMonths: 36,
      leader: '陆老师',
      mode: 'online',
      meetingUrl: 'https://meeting.example.cn/read',
      date,
      startTime: '19:00',
      endTime: '20:00',
      seats: 30,
    });
    expect(made.statusCode, made.body).toBe(201);
    const guardian = await signInGuardian(e2e.test.app, family.phone);
    expect((await guardian.post('/api/guidance/enrolments', { eventId: made.json().id })).statusCode).toBe(201);

    const page = await desktopPage(e2e);
    await signInConsole(e2e, page, provider.username, provider.password);
    const row = page.locator('[data-qa=guidance-row]', { hasText: '亲子阅读启蒙' });
    await row.waitFor();
    expect(await row.textContent()).toContain('线上直播');
    await row.locator('[data-qa=guidance-cancel]').click();
    const dialog = page.locator('.ant-modal', { hasText: '取消活动「亲子阅读启蒙」' });
    await dialog.waitFor();
    expect(await dialog.locator('[data-qa=cancel-sms-warning]').textContent()).toContain('都会收到短信通知');
    await dialog.locator('[data-qa=cancel-reason]').fill('主讲人临时有事,活动改期另行通知');
    await screenshot(page, 'console-guidance-cancel');
    await dialog.locator('[data-qa=cancel-confirm]').click();
    await page.locator('.ant-message', { hasText: '活动已取消,已通知 1 户家庭' }).waitFor();
    await row.locator('.ant-tag', { hasText: '已取消' }).waitFor();
    expect(await row.textContent()).toContain('主讲人临时有事');
    expect(await row.locator('[data-qa=guidance-cancel]').count()).toBe(0);
    await screenshot(page, 'console-guidance-cancelled');
    await page.context().close();
  });
});
