// The staff console for issues 3 and 4 on a desktop: the street admin reviews the queue (社区受理) — sees the
// certificate, returns one registration with a reason and accepts the other; the house manager adds a weekly slot,
// sees its sessions with their legal capacity and binding term, takes a carer off a booked session so it goes over
// capacity (red), and cancels one booking with a reason to bring it back within the law. The street admin, the two
// registrations (with certificate pictures), the house with its named carers, its first slot and the six booking
// children come from the seeding API (or the API, as the house's manager makes them), not from the demo.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopPage, screenshot, seed, seedMore, signInConsole, useE2E } from './harness.ts';
import { signIn as apiSignIn, signInGuardian } from '../support/client.ts';

interface Account {
  username: string;
  password: string;
}

const app = useE2E();

async function signIn(page: Page, account: Account) {
  await signInConsole(app(), page, account.username, account.password);
}

/**
 * Opens an antd select and clicks its options (a multiple select stays open, so it is closed afterwards), then
 * checks the choice shows; on a busy machine the dropdown may still be animating, so it tries again.
 */
async function choose(page: Page, qa: string, ...options: string[]) {
  const select = page.locator(`[data-qa=${qa}]`);
  const chosen = async () => {
    for (const o of options) if (!(await select.getByText(o).count())) return false;
    return true;
  };
  for (let attempt = 0; attempt < 3 && !(await chosen()); attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    for (const o of options) {
      if (await select.getByText(o).count()) continue;
      const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: o }).first();
      await option.waitFor();
      await page.waitForTimeout(200); // the dropdown's opening animation
      await option.click();
    }
    if (options.length > 1) await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
  for (const o of options) await select.getByText(o).first().waitFor();
}

describe('console: community acceptance and the house schedule', () => {
  it('lets the street admin see the certificate, return one registration with a reason and accept the other', async () => {
    // Two families of 四川北路 have submitted their registrations; each child has a certificate picture.
    const e2e = app();
    const wangPhone = '13955520002';
    await seedMore(e2e, 'household', {
      street: 'scbl',
      phone: wangPhone,
      guardianName: '王思琪',
      address: '虹口区四川北路 1688 弄 12 号',
      status: 'submitted',
      children: [{ name: '王一诺', sex: 'female', birthDate: '2025-03-20', history: '曾患幼儿急疹,已痊愈', examDate: '2026-11-20' }],
      pickups: [{ name: '王磊', relation: '父亲', phone: '13955520021' }],
    });
    await seedMore(e2e, 'household', {
      street: 'scbl',
      phone: '13955520003',
      guardianName: '刘晓东',
      address: '虹口区多伦路 236 号',
      status: 'submitted',
      children: [{ name: '刘子墨', sex: 'male', birthDate: '2024-08-02', examDate: '2026-11-18' }],
      pickups: [{ name: '周婷', relation: '母亲', phone: '13955520031' }],
    });
    const street = await seed<Account>(e2e, 'account', { role: 'street_admin', street: 'scbl' });
    const page = await desktopPage(e2e);
    await signIn(page, street);
    await page.locator('[data-qa=nav-registrations]').click();

    // 四川北路's queue: two registrations waiting, each child with an age in years and months.
    const rows = page.locator('[data-qa=registration-row]');
    await rows.first().waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    const wang = rows.filter({ hasText: '王思琪' });
    expect(await wang.locator('[data-qa=registration-children]').textContent()).toContain('王一诺 · 1岁8个月');
    expect(await wang.textContent()).toContain('139****0002');
    await screenshot(page, 'console-care-queue');

    // The review: the read is audited, IDs are masked, the certificate image is shown from the protected file.
    await wang.locator('[data-qa=registration-guardian]').click();
    await page.locator('[data-qa=audit-notice]', { hasText: '查看记录将被审计' }).waitFor();
    const child = page.locator('[data-qa=child-card]', { hasText: '王一诺' });
    await child.waitFor();
    expect(await child.locator('[data-qa=id-number-value]').textContent()).toMatch(/^310\*+\d{3}[\dX]$/);
    const picture = child.locator('[data-qa=certificate] img').first();
    await picture.waitFor();
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await picture.elementHandle(),
    );
    expect(await picture.getAttribute('src')).toMatch(/^blob:/);
    expect(await child.locator('[data-qa=certificate-exam]').textContent()).toBe('2026年11月20日');
    expect(await child.locator('[data-qa=child-eligibility]').textContent()).toContain('受理通过后即可预约');
    expect(await page.locator('[data-qa=pickup-row]').first().textContent()).toContain('139****0021');

    // Showing a full ID number asks for a reason first.
    await child.locator('[data-qa=id-unmask]').click();
    await page.locator('[data-qa=unmask-reason]').fill('与户籍信息核对');
    await page.getByRole('button', { name: '确认查看' }).click();
    await child.locator('[data-qa=id-number-value]', { hasText: /^310109\d{11}[\dX]$/ }).waitFor();
    await screenshot(page, 'console-care-review');

    // Return with a reason: back in the queue, one registration is left.
    await page.locator('[data-qa=registration-return]').click();
    await page.locator('[data-qa=return-confirm]').click();
    await page.getByText('请填写退回原因(至少2个字)').waitFor();
    await page.locator('[data-qa=return-reason-input]').fill('健康检查合格证明照片不清晰,请重新拍摄上传');
    await page.locator('[data-qa=return-confirm]').click();
    await page.getByText('已退回王思琪家庭的登记,已通知家长').waitFor();
    await page.waitForURL(/\/console\/registrations$/);
    await rows.filter({ hasText: '刘晓东' }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);

    // Accept 刘晓东's registration.
    await rows.filter({ hasText: '刘晓东' }).locator('[data-qa=registration-guardian]').click();
    await page.locator('[data-qa=child-card]', { hasText: '刘子墨' }).waitFor();
    await page.locator('[data-qa=registration-accept]').click();
    await page.locator('[data-qa=accept-confirm]').click();
    await page.getByText('已受理刘晓东家庭的登记,已通知家长').waitFor();
    await page.getByText('没有待受理的登记').waitFor();
    await expect.poll(() => rows.count()).toBe(0);

    // The other tabs show where each family now stands.
    await page.locator('[data-qa=registration-tab-returned]').click();
    const returned = page.locator('[data-qa=registration-row]', { hasText: '王思琪' });
    await returned.waitFor();
    expect(await returned.textContent()).toContain('健康检查合格证明照片不清晰');
    await page.locator('[data-qa=registration-tab-accepted]').click();
    await page.locator('[data-qa=registration-row]', { hasText: '刘晓东' }).waitFor();
    await screenshot(page, 'console-care-accepted');

    // And the server agrees: the guardians were told.
    const outbox = (await e2e.test.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${wangPhone}` })).json();
    expect(outbox.some((m: { template: string }) => m.template === 'registrationReturned')).toBe(true);
    await page.context().close();
  });

  it('lets the house manager add a slot, flag a session by taking a carer off, and resolve it by cancelling a booking', async () => {
    // A house with two carers, 徐静怡 and 何雨桐, and one weekly slot already (Tuesdays 09:00–11:00 in 阳光活动室).
    const e2e = app();
    const house = await seed<{ houseId: string; roomIds: string[]; manager: Account }>(e2e, 'house', { street: 'scbl', carers: 0 });
    for (const name of ['徐静怡', '何雨桐']) await seedMore(e2e, 'staff', { houseId: house.houseId, role: 'carer', name });
    const manager = await apiSignIn(e2e.test.app, house.manager.username, house.manager.password);
    const staff = (await manager.get(`/api/houses/${house.houseId}/staff`))
      .json()
      .filter((s: { countsForRatio: boolean }) => s.countsForRatio) as { id: string }[];
    const first = await manager.post(`/api/houses/${house.houseId}/schedule`, {
      roomId: house.roomIds[0],
      weekday: 2,
      startTime: '09:00',
      endTime: '11:00',
      serviceType: 'temporary',
      offeredCapacity: 10,
      carerIds: staff.map((s) => s.id),
    });
    expect(first.statusCode, first.body).toBe(201);
    const page = await desktopPage(e2e);
    await signIn(page, house.manager);
    // The house's staff land on their schedule.
    await page.locator('[data-qa=page-title]', { hasText: '排班与场次' }).waitFor();
    await page.locator('[data-qa=schedule-tab-slots]').click();
    await page.locator('[data-qa=slot-row]').first().waitFor();
    const slotsBefore = await page.locator('[data-qa=slot-row]').count();

    // A Thursday 17:00–18:30 hourly slot in the 36 m² 绘本角 with two carers: capacity min(20, 12, 2 × 5, 10) = 10.
    await page.locator('[data-qa=slot-add]').click();
    await page.locator('[data-qa=slot-form]').waitFor();
    await page.waitForTimeout(300); // the modal's opening animation
    await choose(page, 'slot-room', '绘本角');
    await choose(page, 'slot-weekday', '周四');
    const times = page.locator('input[data-qa=slot-time-range]');
    await times.nth(0).click();
    await times.nth(0).fill('17:00');
    await times.nth(0).press('Enter');
    await times.nth(1).fill('18:30');
    await times.nth(1).press('Enter');
    expect([await times.nth(0).inputValue(), await times.nth(1).inputValue()]).toEqual(['17:00', '18:30']);
    await page.locator('[data-qa=slot-type]').getByText('计时托').click();
    await choose(page, 'slot-carers', '徐静怡', '何雨桐');
    await page.locator('[data-qa=slot-duration]', { hasText: '时长 1 小时 30 分钟' }).waitFor();
    await screenshot(page, 'console-care-slot-form');
    await page.locator('[data-qa=slot-submit]').click();
    await page.getByText('时段已保存,已生成今后四周的场次').waitFor();
    await page.locator('[data-qa=slot-row]').nth(slotsBefore).waitFor();
    expect(await page.locator('[data-qa=slot-row]', { hasText: '17:00–18:30' }).textContent()).toContain('绘本角');

    // Six children book the session of Thursday 3 December: 李沐阳 and 李沐晴 of one family, four more.
    const houseId = (await manager.get('/api/auth/me')).json().user.houseId;
    expect(houseId).toBe(house.houseId);
    const session = (await manager.get(`/api/staff/sessions?houseId=${houseId}&from=2026-12-03&to=2026-12-03`))
      .json()
      .find((s: { roomName: string }) => s.roomName === '绘本角');
    expect(session).toMatchObject({ capacity: 10, capacityBinding: 'carers' });
    const li = await seedMore<{ phone: string }>(e2e, 'household', {
      street: 'scbl',
      guardianName: '张雨桐',
      children: [
        { name: '李沐阳', sex: 'male', birthDate: '2024-05-12', examDate: '2026-11-10' },
        { name: '李沐晴', sex: 'female', birthDate: '2025-10-15', examDate: '2026-11-10' },
      ],
    });
    const guardian = await signInGuardian(e2e.test.app, li.phone);
    const family = (await guardian.get('/api/family')).json().family;
    for (const c of family.children) {
      expect((await guardian.post('/api/bookings', { sessionId: session.id, childId: c.id })).json().status).toBe('confirmed');
    }
    for (let i = 0; i < 4; i++) {
      const k = await seed<{ phone: string; childId: string }>(e2e, 'family', { street: 'scbl' });
      const client = await signInGuardian(e2e.test.app, k.phone);
      expect((await client.post('/api/bookings', { sessionId: session.id, childId: k.childId })).json().status).toBe('confirmed');
    }

    // The generated session in the list: capacity, the binding term in Chinese, six confirmed.
    await page.locator('[data-qa=schedule-tab-sessions]').click();
    const row = page.locator(`[data-qa=session-row][data-session-id="${session.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-qa=session-capacity]').textContent()).toBe('10 人');
    expect(await row.locator('[data-qa=session-binding]').textContent()).toBe('按在岗保育人员 1:5');
    expect(await row.locator('[data-qa=session-counts]').textContent()).toContain('已确认 6');
    expect(await row.locator('[data-qa=session-seats]').textContent()).toBe('4');
    expect(await row.getAttribute('data-over')).toBe('false');
    await screenshot(page, 'console-care-sessions');

    // Take 何雨桐 off the roster: one carer allows 5 children, 6 are booked — flagged, nobody dropped.
    await row.click();
    const drawer = page.locator('[data-qa=session-drawer]');
    await drawer.locator('[data-qa=booking-row]').nth(5).waitFor();
    expect(await drawer.locator('[data-qa=capacity-term][data-binding=true]').getAttribute('data-term')).toBe('carers');
    await drawer.locator('[data-qa=roster-select] .ant-select-selection-item[title^="何雨桐"] .ant-select-selection-item-remove').click();
    await drawer.locator('[data-qa=roster-preview]', { hasText: '保存后核定托额将为 5 人,少于已确认的 6 人' }).waitFor();
    await drawer.locator('[data-qa=roster-save]').click();
    const result = drawer.locator('[data-qa=roster-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-over')).toBe('true');
    expect(await result.textContent()).toContain('核定托额 10 人 → 5 人(按在岗保育人员 1:5)');
    await drawer.locator('[data-qa=session-over-alert]', { hasText: '人数超过核定托额,请调整' }).waitFor();
    expect(await drawer.locator('[data-qa=booking-row]').count()).toBe(6);
    await screenshot(page, 'console-care-over-drawer');
    await page.locator('.ant-drawer-close').click();
    await page.locator(`[data-qa=session-row][data-session-id="${session.id}"][data-over=true]`).waitFor();
    expect(await row.getAttribute('class')).toContain('bbw-row-over');
    expect(await row.locator('[data-qa=session-capacity]').textContent()).toBe('5 人');
    expect(await row.locator('[data-qa=session-status]').textContent()).toBe('超额');
    await page.locator('[data-qa=over-capacity-banner]', { hasText: '人数超过核定托额,请调整' }).waitFor();
    await screenshot(page, 'console-care-over');

    // The filter shows the flagged session; the manager cancels 李沐阳's booking with a reason.
    await page.locator('[data-qa=over-capacity-filter]').click();
    await expect.poll(() => page.locator('[data-qa=session-row]').count()).toBe(1);
    await row.waitFor();
    await row.click();
    const lmy = drawer.locator('[data-qa=booking-row][data-child=李沐阳]');
    await lmy.waitFor();
    await lmy.locator('[data-qa=booking-cancel]').click();
    await page.locator('[data-qa=booking-cancel-reason]').fill('在岗保育人员不足,超出核定托额');
    await page.locator('[data-qa=booking-cancel-confirm]').click();
    await page.getByText('已取消李沐阳的预约,已通知家长').waitFor();
    await drawer.locator('[data-qa=session-over-alert]').waitFor({ state: 'detached' });
    await drawer.locator('[data-qa=booking-row][data-child=李沐阳]').waitFor({ state: 'detached' });
    expect(await drawer.locator('[data-qa=session-stats]').textContent()).toContain('已确认5');
    await page.locator('.ant-drawer-close').click();
    await page.locator('[data-qa=over-capacity-banner]').waitFor({ state: 'detached' });
    await page.getByText('没有超过核定托额的场次').waitFor();

    // Back in the full list, the session is within the law again.
    await page.locator('[data-qa=sessions-filter]').getByText('全部场次').click();
    await row.waitFor();
    expect(await row.getAttribute('data-over')).toBe('false');
    expect(await row.locator('[data-qa=session-counts]').textContent()).toContain('已确认 5');
    expect(await row.locator('[data-qa=session-status]').textContent()).toBe('已满');
    await screenshot(page, 'console-care-resolved');

    // The family was told why.
    const sms = (await e2e.test.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${li.phone}` })).json();
    expect(
      sms.some((m: { template: string; body: string }) => m.template === 'bookingCancelledByHouse' && m.body.includes('在岗保育人员不足')),
    ).toBe(true);
    await page.context().close();
  });
});
