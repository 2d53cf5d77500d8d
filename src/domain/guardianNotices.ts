// What a guardian is told about her child, each as an SMS through the outbox, and which of them she may switch off on
// the H5 (我的 → 消息通知). Every message is on until she says otherwise; an incident is always told (the house must
// tell the family, 《设置标准》 on safety), so it has no switch.
export const GUARDIAN_NOTICES = {
  checkIn: { template: 'attendanceCheckedIn', optional: true },
  checkOut: { template: 'attendanceCheckedOut', optional: true },
  refused: { template: 'attendanceRefused', optional: true },
  incident: { template: 'incidentGuardian', optional: false },
  reminder: { template: 'bookingReminder', optional: true },
  offer: { template: 'waitlistOffer', optional: true },
  guidanceOffer: { template: 'guidanceOffer', optional: true },
  // An event called off is always told, like an incident: the family would otherwise come to a closed door.
  guidanceCancelled: { template: 'guidanceCancelled', optional: false },
  guidanceReminder: { template: 'guidanceReminder', optional: true },
  // A new time, place, link or mode is always told, for the same reason as a cancellation: the family would otherwise
  // come at the old time or to the old door.
  guidanceChanged: { template: 'guidanceChanged', optional: false },
  // The street's reminders to a family behind on its free care (T3) or guidance (T5) sessions: at most one a month.
  careNudge: { template: 'careNudge', optional: true },
  guidanceNudge: { template: 'guidanceNudge', optional: true },
} as const;

export type GuardianNotice = keyof typeof GUARDIAN_NOTICES;
export const GUARDIAN_NOTICE_KINDS = Object.keys(GUARDIAN_NOTICES) as GuardianNotice[];

/** Whether the guardian gets this notice, given her setting for it (undefined: she has never changed it). */
export const guardianWants = (notice: GuardianNotice, setting: boolean | null | undefined): boolean =>
  !GUARDIAN_NOTICES[notice].optional || setting !== false;
