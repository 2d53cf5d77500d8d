// The catalogue of audit action keys: every key the server writes (writeAudit takes only these, so the compiler
// checks), with its area, its zh-CN and en labels and a description template ({actor} did what to {record}).
// Shared by the API (descriptions, the export) and the console (the action filter, grouped by area).

export interface AuditActionLabel {
  area: AuditArea;
  zh: string;
  en: string;
  /** zh-CN description; {actor} is the actor's name and role, {record} the record's display name. */
  describeZh: string;
  describeEn: string;
}

export const AUDIT_AREAS = {
  auth: { zh: '登录与账号安全', en: 'Sign-in' },
  admin: { zh: '账号与权限', en: 'Accounts' },
  house: { zh: '宝宝屋', en: 'Houses' },
  staff: { zh: '工作人员', en: 'Staff' },
  family: { zh: '家庭与幼儿', en: 'Families and children' },
  booking: { zh: '预约与场次', en: 'Bookings and sessions' },
  care: { zh: '照护与考勤', en: 'Care and attendance' },
  incident: { zh: '事件与日志', en: 'Incidents and logs' },
  policy: { zh: '政策与文本', en: 'Policy and documents' },
  guidance: { zh: '育儿指导', en: 'Parenting guidance' },
  audit: { zh: '审计', en: 'Audit' },
} as const;
export type AuditArea = keyof typeof AUDIT_AREAS;
export const AUDIT_AREA_KEYS = Object.keys(AUDIT_AREAS) as [AuditArea, ...AuditArea[]];

const a = (area: AuditArea, zh: string, en: string, describeZh: string, describeEn: string): AuditActionLabel => ({
  area,
  zh,
  en,
  describeZh,
  describeEn,
});

export const AUDIT_ACTIONS = {
  'auth.signIn': a('auth', '登录', 'Signed in', '{actor}登录了系统', '{actor} signed in'),
  'auth.signOut': a('auth', '退出登录', 'Signed out', '{actor}退出了登录', '{actor} signed out'),
  'auth.failed': a('auth', '登录失败', 'Failed sign-in', '账号 {record} 登录失败(密码错误)', 'Failed sign-in to {record} (wrong password)'),
  'auth.locked': a(
    'auth',
    '账号被锁定',
    'Account locked',
    '账号 {record} 因连续登录失败被锁定',
    '{record} was locked after failed sign-ins',
  ),
  'auth.passwordChanged': a('auth', '修改密码', 'Changed password', '{actor}修改了自己的密码', '{actor} changed their password'),
  'user.create': a('admin', '新建账号', 'Created account', '{actor}新建了账号 {record}', '{actor} created the account {record}'),
  'user.update': a('admin', '修改账号', 'Updated account', '{actor}修改了账号 {record}', '{actor} changed the account {record}'),
  'user.passwordReset': a(
    'admin',
    '重置密码',
    'Reset password',
    '{actor}重置了账号 {record} 的密码',
    '{actor} reset the password of {record}',
  ),
  'security.unlock': a('admin', '解锁账号', 'Unlocked account', '{actor}解锁了账号 {record}', '{actor} unlocked {record}'),
  'security.signOut': a('admin', '强制下线', 'Signed account out', '{actor}强制账号 {record} 下线', '{actor} signed {record} out'),
  'house.create': a('house', '新建宝宝屋', 'Created house', '{actor}新建了 {record}', '{actor} created {record}'),
  'house.update': a('house', '修改宝宝屋信息', 'Updated house', '{actor}修改了 {record} 的信息', '{actor} changed {record}'),
  'house.places': a(
    'house',
    '核定托额',
    'Set approved places',
    '{actor}核定了 {record} 的托额',
    '{actor} set the approved places of {record}',
  ),
  'population.record': a(
    'house',
    '录入常住幼儿数',
    'Recorded population',
    '{actor}录入了 {record} 的常住幼儿数',
    '{actor} recorded the population of {record}',
  ),
  'house.suspend': a('house', '暂停宝宝屋服务', 'Suspended house', '{actor}暂停了 {record} 的服务', '{actor} suspended {record}'),
  'house.resume': a('house', '恢复宝宝屋服务', 'Resumed house', '{actor}恢复了 {record} 的服务', '{actor} resumed {record}'),
  'house.close': a('house', '登记停托', 'Closed house', '{actor}登记了停托:{record}', '{actor} closed {record}'),
  'house.evidence': a(
    'house',
    '上传佐证材料',
    'House evidence',
    '{actor}为 {record} 登记了佐证材料',
    '{actor} recorded evidence for {record}',
  ),
  'houseFile.upload': a('house', '上传附件', 'Uploaded file', '{actor}上传了附件 {record}', '{actor} uploaded {record}'),
  'room.create': a('house', '新增房间', 'Created room', '{actor}新增了房间 {record}', '{actor} added the room {record}'),
  'room.update': a('house', '修改房间', 'Updated room', '{actor}修改了房间 {record}', '{actor} changed the room {record}'),
  'room.delete': a('house', '删除房间', 'Deleted room', '{actor}删除了房间 {record}', '{actor} removed the room {record}'),
  'staff.create': a('staff', '登记工作人员', 'Added staff', '{actor}登记了工作人员 {record}', '{actor} added the staff member {record}'),
  'staff.update': a(
    'staff',
    '修改工作人员信息',
    'Updated staff',
    '{actor}修改了工作人员 {record} 的信息',
    '{actor} changed the staff member {record}',
  ),
  'staff.credential': a(
    'staff',
    '登记资质证书',
    'Staff credential',
    '{actor}为工作人员 {record} 登记了证书',
    '{actor} recorded a credential of {record}',
  ),
  'family.register': a('family', '家庭登记', 'Family registered', '{actor}登记了 {record}', '{actor} registered the {record}'),
  'family.update': a(
    'family',
    '修改家庭信息',
    'Updated family',
    '{actor}修改了 {record} 的信息',
    '{actor} changed the details of the {record}',
  ),
  'family.pickup_person.replace': a(
    'family',
    '修改接送人',
    'Pickup persons',
    '{actor}修改了 {record} 的授权接送人',
    '{actor} changed the pickup persons of {record}',
  ),
  'family.emergency_contact.replace': a(
    'family',
    '修改紧急联系人',
    'Emergency contacts',
    '{actor}修改了 {record} 的紧急联系人',
    '{actor} changed the emergency contacts of {record}',
  ),
  'family.submit': a(
    'family',
    '提交登记审核',
    'Submitted registration',
    '{actor}提交了 {record} 的登记审核',
    '{actor} submitted the registration of {record}',
  ),
  'notice.set': a(
    'family',
    '修改短信通知设置',
    'Changed text-message settings',
    '{actor}修改了自己的短信通知设置',
    '{actor} changed their text-message settings',
  ),
  'consent.give': a(
    'family',
    '同意个人信息保护规则',
    'Gave consent',
    '{actor}为 {record} 同意了《儿童个人信息保护规则》',
    '{actor} consented for {record}',
  ),
  'agreement.sign': a(
    'family',
    '确认服务协议',
    'Signed agreement',
    '{actor}为 {record} 确认了《宝宝屋托育服务协议》',
    '{actor} signed the agreement for {record}',
  ),
  'registration.accept': a(
    'family',
    '受理家庭登记',
    'Accepted registration',
    '{actor}受理了 {record} 的登记',
    '{actor} accepted the registration of {record}',
  ),
  'registration.return': a(
    'family',
    '退回家庭登记',
    'Returned registration',
    '{actor}退回了 {record} 的登记',
    '{actor} returned the registration of {record}',
  ),
  'child.create': a('family', '添加幼儿', 'Added child', '{actor}添加了幼儿 {record}', '{actor} added the child {record}'),
  'child.update': a('family', '修改幼儿信息', 'Updated child', '{actor}修改了 {record} 的信息', '{actor} changed the details of {record}'),
  'child.read': a('family', '查看幼儿信息', 'Read child', '{actor}查看了 {record} 的信息', '{actor} read the details of {record}'),
  'child.list': a(
    'family',
    '查看幼儿名单',
    'Listed children',
    '{actor}查看了待受理家庭的幼儿名单',
    '{actor} read the list of children waiting for review',
  ),
  'idNumber.unmask': a(
    'family',
    '查看完整证件号',
    'Unmasked ID number',
    '{actor}查看了 {record} 的完整身份证号',
    '{actor} saw the full ID number of {record}',
  ),
  'certificate.upload': a(
    'family',
    '上传体检证明',
    'Uploaded certificate',
    '{actor}上传了 {record} 的健康检查证明',
    '{actor} uploaded the health certificate of {record}',
  ),
  'file.read': a('family', '查看附件', 'Read file', '{actor}查看了附件 {record}', '{actor} opened the file {record}'),
  'pickupCode.create': a(
    'family',
    '生成接送码',
    'Pickup code',
    '{actor}为 {record} 生成了接送码',
    '{actor} made a pickup code for {record}',
  ),
  'booking.confirm': a('booking', '预约成功', 'Booked', '{actor}预约了 {record}', '{actor} booked {record}'),
  'booking.waitlist': a('booking', '候补排队', 'Waitlisted', '{actor}为 {record} 排队候补', '{actor} joined the waiting list: {record}'),
  'booking.cancel': a(
    'booking',
    '家长取消预约',
    'Cancelled booking',
    '{actor}取消了预约 {record}',
    '{actor} cancelled the booking {record}',
  ),
  'booking.cancelByHouse': a(
    'booking',
    '宝宝屋取消预约',
    'Cancelled by house',
    '{actor}代宝宝屋取消了预约 {record}',
    '{actor} cancelled the booking {record} for the house',
  ),
  'booking.offer': a('booking', '候补递补通知', 'Offered seat', '{actor}向 {record} 发出了递补名额', '{actor} offered a seat: {record}'),
  'booking.acceptOffer': a(
    'booking',
    '确认候补名额',
    'Accepted offer',
    '{actor}确认了递补名额 {record}',
    '{actor} accepted the offered seat {record}',
  ),
  'booking.offerExpired': a(
    'booking',
    '候补名额过期',
    'Offer expired',
    '{record} 的递补名额逾期未确认,已顺延',
    'The offered seat {record} expired',
  ),
  'booking.noShow': a('booking', '登记未到', 'No-show', '{actor}将预约 {record} 登记为未到', '{actor} marked {record} as a no-show'),
  'booking.suspend': a(
    'booking',
    '暂停线上预约',
    'Suspended booking',
    '{record} 因多次未到被暂停线上预约',
    'Online booking of {record} was suspended after no-shows',
  ),
  'session.cancel': a('booking', '取消场次', 'Cancelled session', '{actor}取消了场次 {record}', '{actor} cancelled the session {record}'),
  'session.roster': a(
    'booking',
    '调整在岗人员',
    'Changed roster',
    '{actor}调整了场次 {record} 的在岗人员',
    '{actor} changed the roster of {record}',
  ),
  'schedule.create': a(
    'booking',
    '新增每周时段',
    'Created schedule',
    '{actor}新增了每周时段 {record}',
    '{actor} added the weekly slot {record}',
  ),
  'schedule.deactivate': a(
    'booking',
    '停用每周时段',
    'Deactivated schedule',
    '{actor}停用了每周时段 {record}',
    '{actor} stopped the weekly slot {record}',
  ),
  'attendance.checkIn': a('care', '入园签到', 'Checked in', '{actor}为 {record} 办理了入园和晨检', '{actor} checked {record} in'),
  'attendance.refuse': a(
    'care',
    '晨检未通过',
    'Refused at check-in',
    '{actor}在晨检后未接收 {record} 入园',
    '{actor} refused {record} at the health check',
  ),
  'attendance.checkOut': a('care', '离园签退', 'Checked out', '{actor}为 {record} 办理了离园', '{actor} checked {record} out'),
  'attendance.read': a(
    'care',
    '查看考勤与晨检',
    'Read attendance',
    '{actor}查看了 {record} 的考勤和晨检信息',
    '{actor} read the attendance and health checks of {record}',
  ),
  'duty.leave': a('care', '离岗', 'Left duty', '{actor}登记了离岗:{record}', '{actor} recorded leaving duty: {record}'),
  'duty.return': a('care', '返岗', 'Returned to duty', '{actor}登记了返岗:{record}', '{actor} recorded returning to duty: {record}'),
  'dailyLog.create': a('incident', '填写日常检查', 'Daily log', '{actor}填写了 {record}', '{actor} recorded {record}'),
  'incident.create': a('incident', '登记事件', 'Recorded incident', '{actor}登记了事件 {record}', '{actor} recorded the incident {record}'),
  'incident.read': a('incident', '查看事件记录', 'Read incidents', '{actor}查看了事件记录', '{actor} read the incident records'),
  'policy.update': a(
    'policy',
    '调整政策参数',
    'Updated policy',
    '{actor}调整了政策参数 {record}',
    '{actor} changed the policy parameter {record}',
  ),
  'document.publish': a('policy', '发布文本', 'Published document', '{actor}发布了 {record}', '{actor} published {record}'),
  'provider.create': a(
    'guidance',
    '新建指导机构',
    'Created provider',
    '{actor}新建了指导机构 {record}',
    '{actor} created the provider {record}',
  ),
  'provider.update': a(
    'guidance',
    '修改指导机构',
    'Updated provider',
    '{actor}修改了指导机构 {record}',
    '{actor} changed the provider {record}',
  ),
  'guidance.publish': a('guidance', '发布育儿指导活动', 'Published guidance event', '{actor}发布了 {record}', '{actor} published {record}'),
  'guidance.update': a('guidance', '修改育儿指导活动', 'Updated guidance event', '{actor}修改了 {record}', '{actor} changed {record}'),
  'guidance.cancel': a('guidance', '取消育儿指导活动', 'Cancelled guidance event', '{actor}取消了 {record}', '{actor} cancelled {record}'),
  'guidance.enrol': a('guidance', '报名育儿指导', 'Enrolled', '{actor}报名了 {record}', '{actor} enrolled in {record}'),
  'guidance.waitlist': a('guidance', '育儿指导候补', 'Waitlisted', '{actor}候补了 {record}', '{actor} joined the waiting list of {record}'),
  'guidance.withdraw': a('guidance', '取消报名', 'Withdrew', '{actor}取消了 {record} 的报名', '{actor} withdrew from {record}'),
  'guidance.offer': a('guidance', '候补递补', 'Offered a seat', '{record} 有空位,已通知候补家庭', 'A seat of {record} was offered'),
  'guidance.acceptOffer': a(
    'guidance',
    '确认递补',
    'Accepted offer',
    '{actor}确认了 {record} 的递补名额',
    '{actor} accepted a seat of {record}',
  ),
  'guidance.offerExpired': a('guidance', '递补过期', 'Offer expired', '{record} 的递补名额过期未确认', 'An offer of {record} ran out'),
  'guidance.roster.read': a(
    'guidance',
    '查看报名名单',
    'Read enrolments',
    '{actor}查看了 {record} 的报名名单',
    '{actor} read the enrolments of {record}',
  ),
  'guidance.attend': a(
    'guidance',
    '活动签到',
    'Recorded attendance',
    '{actor}为 {record} 登记了签到',
    '{actor} recorded attendance at {record}',
  ),
  'course.create': a('guidance', '新建线上课程', 'Created course', '{actor}新建了 {record}', '{actor} created {record}'),
  'course.update': a('guidance', '修改线上课程', 'Updated course', '{actor}修改了 {record}', '{actor} changed {record}'),
  'course.video': a(
    'guidance',
    '上传课程视频',
    'Uploaded course video',
    '{actor}为 {record} 上传了视频',
    '{actor} uploaded the video of {record}',
  ),
  'course.publish': a('guidance', '发布线上课程', 'Published course', '{actor}发布了 {record}', '{actor} published {record}'),
  'course.withdraw': a('guidance', '撤下线上课程', 'Withdrew course', '{actor}撤下了 {record}', '{actor} withdrew {record}'),
  'course.complete': a('guidance', '完成线上课程', 'Completed course', '{actor}完成了 {record}', '{actor} completed {record}'),
  'targets.list.read': a(
    'family',
    '查看目标明细名单',
    'Read target list',
    '{actor}查看了 {record} 的目标明细名单',
    '{actor} read the list behind a target of {record}',
  ),
  'targets.nudge': a(
    'family',
    '发送服务使用提醒',
    'Sent reminders',
    '{actor}向 {record} 的家庭发送了服务使用提醒',
    '{actor} sent reminders to families of {record}',
  ),
  'targets.export': a('audit', '导出目标报表', 'Exported targets', '{actor}导出了目标报表', '{actor} exported the targets report'),
  'newborn.import': a('family', '导入新生儿名册', 'Imported newborns', '{actor}导入了新生儿名册', '{actor} imported the newborn register'),
  'newborn.assign': a(
    'family',
    '分配入户指导员',
    'Assigned visitor',
    '{actor}为 {record} 分配了入户指导员',
    '{actor} assigned a visitor to {record}',
  ),
  'visit.caseload.read': a('family', '查看入户指导名单', 'Read caseload', '{actor}查看了自己的入户指导名单', '{actor} read their caseload'),
  'visit.schedule': a(
    'family',
    '预约入户指导',
    'Scheduled visit',
    '{actor}预约了 {record} 的入户指导',
    '{actor} scheduled the visit to {record}',
  ),
  'visit.record': a(
    'family',
    '记录入户指导',
    'Recorded visit',
    '{actor}记录了 {record} 的入户指导',
    '{actor} recorded the visit to {record}',
  ),
  'visit.confirm': a(
    'family',
    '确认入户指导',
    'Confirmed visit',
    '{actor}确认了 {record} 的入户指导',
    '{actor} confirmed the visit to {record}',
  ),
  'visit.reschedule': a(
    'family',
    '申请改期',
    'Asked to reschedule',
    '{actor}申请调整 {record} 的入户时间',
    '{actor} asked to move the visit to {record}',
  ),
  'newborn.list': a('family', '查看新生儿名册', 'Read newborn register', '{actor}查看了新生儿名册', '{actor} read the newborn register'),
  'newborn.report': a(
    'family',
    '家庭申报新生儿',
    'Reported newborn',
    '{actor}申报了新生儿 {record}',
    '{actor} reported the newborn {record}',
  ),
  'newborn.link': a(
    'family',
    '关联名册中的新生儿',
    'Linked newborn',
    '{actor}申报的 {record} 已在名册中,已关联到其家庭',
    '{actor} reported {record}, already in the register, and it was linked to the family',
  ),
  'newborn.readOwn': a(
    'family',
    '查看本家庭新生儿登记',
    'Read own newborns',
    '{actor}查看了本家庭的新生儿登记',
    '{actor} read the family’s newborns',
  ),
  'audit.export': a('audit', '导出审计日志', 'Exported audit log', '{actor}导出了审计日志', '{actor} exported the audit log'),
} as const satisfies Record<string, AuditActionLabel>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(key: string): key is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, key);
}

/** The action keys of one area, in catalogue order (the console's grouped filter, the API's area filter). */
export function auditActionsOf(area: AuditArea): AuditAction[] {
  return AUDIT_ACTION_KEYS.filter((k) => AUDIT_ACTIONS[k].area === area);
}

/**
 * The description of one event in zh-CN or en. `actor` is the actor's name with role ('邵文静(保育人员)'),
 * null for the system; `record` the record's display name. Unknown keys (rows older than the catalogue) name the key.
 */
export function describeAudit(locale: 'zh-CN' | 'en', action: string, actor: string | null, record: string | null): string {
  const zh = locale === 'zh-CN';
  const who = actor ?? (zh ? '系统' : 'The system');
  const what = record ?? (zh ? '(记录)' : '(record)');
  if (!isAuditAction(action)) return zh ? `${who}执行了操作 ${action}` : `${who}: ${action}`;
  const template = zh ? AUDIT_ACTIONS[action].describeZh : AUDIT_ACTIONS[action].describeEn;
  return template.replace('{actor}', who).replace('{record}', what);
}

/** The kinds of record an event is about (audit_event.entity_type). */
export const AUDIT_ENTITY_TYPES = [
  'app_user',
  'house',
  'room',
  'policy_parameter',
  'family',
  'child',
  'staff_member',
  'document_version',
  'stored_file',
  'schedule_template',
  'care_session',
  'house_closure',
  'booking',
  'incident',
  'daily_log',
  'newborn',
  'guidance_provider',
  'guidance_event',
  'guidance_course',
  'street',
  'street_population',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];
