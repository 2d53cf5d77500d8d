// Placeholder: filled in by the Incidents page work.
export function IncidentsPage() {
  return null;
}
