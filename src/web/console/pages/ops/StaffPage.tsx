// Placeholder: filled in by the Staff page work.
export function StaffPage() {
  return null;
}
