// Placeholder: filled in by the Attendance page work.
export function AttendancePage() {
  return null;
}
