// Issue 3: a family registers (consent first, one transaction), uploads certificates, signs the agreement and is
// accepted or returned by its street; identity and health data are encrypted, masked, and every staff read audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoIdNumber } from '../../src/db/seed/demoFamilies.ts';
import { demoCertificatePng } from '../../src/db/seed/demoFiles.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import { signInGuardian, type Client } from '../support/client.ts';
import { makeDistrictAdmin, makeStreetAdmin } from '../support/factory.ts';
import { multipartBody } from '../support/multipart.ts';

// Each test registers its own family (a new guardian, new ID numbers) and takes it as far as the step it is about,
// so that no test needs another to have run first.
let journeys = 0;

describe.each(drivers)('families on %s', (driver) => {
  let t: TestApp;
  let guardian: Client;
  let phone: string;
  let street: Client;
  let streetId: string;
  let otherStreetId: string;
  let childId: string;
  let guardianIdNumber: string;

  const registration = () => ({
    consentVersion: 1,
    guardian: { realName: '测试家长', idNumber: guardianIdNumber, streetId, address: '虹口区山阴路 88 弄 1 号' },
    children: [
      {
        name: '测试宝宝',
        sex: 'male',
        birthDate: '2025-02-14',
        idNumber: childId,
        residenceStreetId: streetId,
        allergies: '花生过敏',
        history: '',
        declaredTruthfully: true,
      },
    ],
    pickupPersons: [{ name: '测试爸爸', relation: '父亲', phone: '13900001111' }],
    emergencyContacts: [{ name: '测试奶奶', relation: '祖母', phone: '13900002222' }],
  });

  const upload = (c: Client, child: string, file: { data: Buffer; filename: string; type: string } | null, examDate = '2026-11-25') => {
    const body = multipartBody({ examDate, institution: '虹口区妇幼保健所' }, file ? { name: 'file', ...file } : undefined);
    return c.raw('POST', `/api/children/${child}/certificates`, body.payload, body.contentType);
  };
  const png = () => ({ data: demoCertificatePng(60, 40), filename: 'cert.png', type: 'image/png' });

  /** A new guardian, signed in, with new ID numbers for the registration (nothing registered yet). */
  const newGuardian = async () => {
    const n = ++journeys;
    childId = demoIdNumber('2025-02-14', 800 + n * 3, 'male');
    guardianIdNumber = demoIdNumber('1991-07-07', 801 + n * 3, 'female');
    phone = `139111${String(n).padStart(5, '0')}`;
    guardian = await signInGuardian(t.app, phone);
  };
  const registered = async () => {
    await newGuardian();
    expect((await guardian.post('/api/family', registration())).statusCode).toBe(201);
    return (await guardian.get('/api/family')).json().family;
  };
  const submitted = async () => {
    const family = await registered();
    const up = await upload(guardian, family.children[0].id, {
      data: demoCertificatePng(60, 40),
      filename: '体检.jpg',
      type: 'image/jpeg',
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((await guardian.post('/api/family/agreement', { version: 1 })).statusCode).toBe(200);
    expect((await guardian.post('/api/family/submit')).json().family.status).toBe('submitted');
    return family;
  };
  const accepted = async () => {
    const family = await submitted();
    expect((await street.post(`/api/registrations/${family.id}/accept`)).json().status).toBe('accepted');
    return family;
  };

  beforeAll(async () => {
    t = await createTestApp(driver);
    street = (await makeStreetAdmin(t, 'scbl')).client;
    const streets = (await street.get('/api/streets')).json();
    streetId = streets.find((s: { name: string }) => s.name === '四川北路街道').id;
    otherStreetId = streets.find((s: { name: string }) => s.name === '北外滩街道').id;
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
    await newGuardian();
  });

  const count = async (table: 'family' | 'child' | 'pickup_person') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('starts with nothing and a list of what to do', async () => {
    const res = (await guardian.get('/api/family')).json();
    expect(res.family).toBeNull();
    expect(res.todo).toEqual(['consent', 'agreement', 'certificate', 'notSubmitted']);
  });

  it('refuses a registration without the current consent, or with a bad ID number, and saves nothing', async () => {
    const before = [await count('family'), await count('child'), await count('pickup_person')];
    const stale = await guardian.post('/api/family', { ...registration(), consentVersion: 0 });
    expect(stale.statusCode).toBe(400);
    const wrongVersion = await guardian.post('/api/family', { ...registration(), consentVersion: 2 });
    expect(wrongVersion.statusCode).toBe(409);
    expect(wrongVersion.json().code).toBe('CONSENT_VERSION_OUTDATED');
    const badCheck = registration();
    badCheck.children[0].idNumber = childId.slice(0, 17) + (childId[17] === '1' ? '2' : '1');
    const res = await guardian.post('/api/family', badCheck);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'ID_NUMBER_INVALID', errors: [{ field: 'body.children.0.idNumber' }] });
    expect(res.json().title).toContain('身份证号码有误');
    const mismatch = registration();
    mismatch.children[0].birthDate = '2025-02-15';
    expect((await guardian.post('/api/family', mismatch)).json().code).toBe('BIRTH_DATE_MISMATCH');
    const notDeclared = registration() as unknown as { children: { declaredTruthfully: boolean }[] };
    notDeclared.children[0].declaredTruthfully = false;
    expect((await guardian.post('/api/family', notDeclared)).statusCode).toBe(400);
    expect([await count('family'), await count('child'), await count('pickup_person')]).toEqual(before);
  });

  it('registers the family in one go, encrypted at rest and masked on screen', async () => {
    const otherPhone = `139111${String(++journeys).padStart(5, '0')}`;
    const res = await guardian.post('/api/family', registration());
    expect(res.statusCode, res.body).toBe(201);
    const { family, todo } = res.json();
    expect(family.status).toBe('draft');
    expect(family.guardianIdNumberMasked).toBe(`${guardianIdNumber.slice(0, 3)}***********${guardianIdNumber.slice(-4)}`);
    expect(family.children[0]).toMatchObject({
      name: '测试宝宝',
      idNumberMasked: `310***********${childId.slice(-4)}`,
      allergies: '花生过敏',
    });
    expect(family.pickupPersons[0].phoneMasked).toBe('139****1111');
    expect(family.children[0].eligibility).toMatchObject({ bookable: false, missing: ['agreement', 'certificate', 'notSubmitted'] });
    expect(todo).toEqual(['agreement', 'certificate', 'notSubmitted']);
    const raw = await t.database.db.selectFrom('child').selectAll().where('family_id', '=', family.id).executeTakeFirstOrThrow();
    expect(raw.id_number_enc).not.toContain(childId);
    expect(raw.id_number_enc).toMatch(/^v1\.k1\./);
    expect(raw.health_enc).not.toContain('花生');
    expect(raw.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
    const consent = await t.database.db.selectFrom('consent_record').selectAll().where('family_id', '=', family.id).execute();
    expect(consent).toMatchObject([{ kind: 'consent', version: 1 }]);
    // Registering again is refused, and the same child cannot be registered by another family.
    expect((await guardian.post('/api/family', registration())).json().code).toBe('FAMILY_EXISTS');
    const other = await signInGuardian(t.app, otherPhone);
    const dup = await other.post('/api/family', {
      ...registration(),
      guardian: { ...registration().guardian, idNumber: demoIdNumber('1990-01-01', 803, 'male') },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ID_NUMBER_TAKEN');
  });

  it('accepts certificates by content only (JPEG/PNG/PDF ≤ 10 MB) and serves them only to the family', async () => {
    const child = (await registered()).children[0];
    const fake = await upload(guardian, child.id, {
      data: Buffer.from('MZ this is not a picture'),
      filename: 'cert.png',
      type: 'image/png',
    });
    expect(fake.statusCode).toBe(422);
    expect(fake.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', title: '仅支持 JPG、PNG 图片或 PDF 文件' });
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 32)]);
    const tooBig = await upload(guardian, child.id, { data: big, filename: 'big.pdf', type: 'application/pdf' });
    expect(tooBig.statusCode).toBe(413);
    expect((await upload(guardian, child.id, null)).json().code).toBe('FILE_REQUIRED');
    expect((await upload(guardian, child.id, png(), '2027-01-01')).json().code).toBe('EXAM_DATE_INVALID');
    expect(
      await t.database.db.selectFrom('stored_file').select('id').where('original_name', 'in', ['cert.png', 'big.pdf']).execute(),
    ).toHaveLength(0);

    const ok = await upload(guardian, child.id, { data: demoCertificatePng(60, 40), filename: '体检.jpg', type: 'image/jpeg' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'image/png', examDate: '2026-11-25' });
    const file = await guardian.get(`/api/family/files/${ok.json().fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(demoCertificatePng(60, 40))).toBe(true);
    const stranger = await signInGuardian(t.app, '13922224444');
    expect((await stranger.get(`/api/family/files/${ok.json().fileId}`)).statusCode).toBe(403);
    expect((await upload(stranger, child.id, png())).statusCode).toBe(403);
  });

  it('submits only when complete, then locks edits during review', async () => {
    const family = await registered();
    await upload(guardian, family.children[0].id, { data: demoCertificatePng(60, 40), filename: '体检.jpg', type: 'image/jpeg' });
    const incomplete = await guardian.post('/api/family/submit');
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json()).toMatchObject({ code: 'REGISTRATION_INCOMPLETE', missing: ['agreement'] });
    expect((await guardian.post('/api/family/agreement', { version: 1 })).json().todo).toEqual(['notSubmitted']);
    const submitted = await guardian.post('/api/family/submit');
    expect(submitted.json().family.status).toBe('submitted');
    expect(submitted.json().family.children[0].eligibility.missing).toEqual(['underReview']);
    const edit = await guardian.patch('/api/family', { address: '虹口区另一处 1 号' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('FAMILY_NOT_EDITABLE');
  });

  it('appears in its own street’s queue only; the review is audited per child; unmasking needs a reason', async () => {
    const family = await submitted();
    const queue = (await street.get('/api/registrations?status=submitted')).json();
    const mine = queue.find((r: { id: string }) => r.id === family.id);
    expect(mine).toMatchObject({
      status: 'submitted',
      guardianName: '测试家长',
      guardianPhoneMasked: `139****${phone.slice(-4)}`,
      children: [{ name: '测试宝宝' }],
    });
    const otherStreet = (await makeStreetAdmin(t, 'bwt')).client;
    expect((await otherStreet.get('/api/registrations?status=submitted')).json().map((r: { id: string }) => r.id)).not.toContain(mine.id);
    expect((await otherStreet.get(`/api/registrations/${mine.id}`)).statusCode).toBe(403);

    const detail = await street.get(`/api/registrations/${mine.id}`);
    expect(detail.json().children[0].idNumberMasked).toMatch(/^310\*{11}\d{3}[\dX]$/);
    const reads = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'child.read')
      .where('entity_id', '=', detail.json().children[0].id)
      .execute();
    expect(reads).toHaveLength(1);
    expect(reads[0].actor_user_id).toBe(street.userId);
    expect(reads[0].detail).toMatchObject({ purpose: 'registration.review' });

    expect((await street.post(`/api/registrations/${mine.id}/unmask`, { target: 'guardian' })).statusCode).toBe(400);
    const unmasked = await street.post(`/api/registrations/${mine.id}/unmask`, {
      target: detail.json().children[0].id,
      reason: '与户籍信息核对',
    });
    expect(unmasked.json().value).toBe(childId);
    const unmaskAudit = await t.database.db.selectFrom('audit_event').selectAll().where('action', '=', 'idNumber.unmask').execute();
    expect(unmaskAudit.at(-1)!.detail).toMatchObject({ reason: '与户籍信息核对' });

    const file = await street.get(`/api/registrations/${mine.id}/files/${detail.json().children[0].certificates[0].fileId}`);
    expect(file.statusCode).toBe(200);
  });

  it('returns with a reason the guardian sees and is sent; after correcting, accepts; then the child can book', async () => {
    const fam = await submitted();
    expect((await street.post(`/api/registrations/${fam.id}/return`, { reason: '' })).statusCode).toBe(400);
    const returned = await street.post(`/api/registrations/${fam.id}/return`, { reason: '请补充紧急联系人电话' });
    expect(returned.json().status).toBe('returned');
    const seen = (await guardian.get('/api/family')).json();
    expect(seen.family.returnReason).toBe('请补充紧急联系人电话');
    expect(seen.family.children[0].eligibility).toMatchObject({ missing: ['returned'], returnReason: '请补充紧急联系人电话' });
    const sms = (await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` })).json();
    expect(sms[0].body).toContain('请补充紧急联系人电话');

    await guardian.request('PUT', '/api/family/emergency-contacts', {
      people: [{ name: '测试奶奶', relation: '祖母', phone: '13900003333' }],
    });
    expect((await guardian.post('/api/family/submit')).json().family.status).toBe('submitted');
    expect((await street.post(`/api/registrations/${fam.id}/accept`)).json().status).toBe('accepted');
    expect((await street.post(`/api/registrations/${fam.id}/accept`)).json().code).toBe('REGISTRATION_NOT_PENDING');
    const accepted = (await guardian.get('/api/family')).json();
    expect(accepted.family.children[0].eligibility).toMatchObject({ bookable: true, missing: [], certificateValidUntil: '2027-02-23' });
    expect((await t.app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` })).json()[0].template).toBe(
      'registrationAccepted',
    );
  });

  it('computes eligibility for a date: certificate validity (R13), age (R1)', async () => {
    const child = (await accepted()).children[0];
    const on = async (date: string) => (await guardian.get(`/api/children/${child.id}/eligibility?date=${date}`)).json();
    expect((await on('2027-02-23')).bookable).toBe(true);
    expect((await on('2027-02-24')).missing).toEqual(['certificateExpired']);
    expect((await on('2026-02-13')).missing).toContain('tooYoung');
    expect((await on('2028-02-14')).missing).toContain('tooOld');
    // Another family's child is out of reach.
    const stranger = await signInGuardian(t.app, '13911115555');
    expect((await stranger.get(`/api/children/${child.id}/eligibility`)).statusCode).toBe(403);
  });

  it('sends an accepted family back to review when the guardian’s identity changes', async () => {
    await accepted();
    const res = await guardian.patch('/api/family', { streetId: otherStreetId });
    expect(res.json().family.status).toBe('draft');
    expect(res.json().family.streetName).toBe('北外滩街道');
  });

  // A new agreement version applies to every family of the database, so this test has a database of its own.
  describe('a new agreement', () => {
    let outer: { t: TestApp; street: Client; streetId: string; otherStreetId: string };
    beforeAll(async () => {
      outer = { t, street, streetId, otherStreetId };
      t = await createTestApp(driver);
      street = (await makeStreetAdmin(t, 'scbl')).client;
      streetId = (await street.get('/api/streets')).json().find((s: { name: string }) => s.name === '四川北路街道').id;
    });
    afterAll(async () => {
      await t?.close();
      ({ t, street, streetId, otherStreetId } = outer);
    });
    beforeEach(async () => {
      t.clock.set(new Date('2026-12-01T09:00:00+08:00'));
      await newGuardian();
    });

    it('asks for a new signature when the district publishes a new agreement', async () => {
      await accepted();
      const district = (await makeDistrictAdmin(t)).client;
      const doc = await district.post('/api/documents', {
        kind: 'agreement',
        title: '宝宝屋托育服务协议(2027版)',
        body: '协议正文……'.repeat(5),
        effectiveFrom: '2026-12-01',
      });
      expect(doc.statusCode, doc.body).toBe(201);
      expect(doc.json().version).toBe(2);
      const after = (await guardian.get('/api/family')).json();
      expect(after.currentAgreementVersion).toBe(2);
      expect(after.family.children[0].eligibility.missing).toEqual(['agreement']);
      expect((await guardian.post('/api/family/agreement', { version: 1 })).json().code).toBe('AGREEMENT_VERSION_OUTDATED');
      expect((await guardian.post('/api/family/agreement', { version: 2 })).json().family.children[0].eligibility.bookable).toBe(true);
      const current = (await t.app.inject({ method: 'GET', url: '/api/documents/current' })).json();
      expect(current.agreement.version).toBe(2);
      expect(current.consent.title).toBe('儿童个人信息保护规则及单独同意');
    });
  });
});
