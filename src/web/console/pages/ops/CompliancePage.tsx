// Placeholder: filled in by the Compliance page work.
export function CompliancePage() {
  return null;
}
