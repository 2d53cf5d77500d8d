// The platform's mark: a little house with a child's face, drawn inline (no image request).
export function Logo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" aria-hidden="true">
      <rect x="0" y="0" width="48" height="48" rx="11" fill="#ffb43a" />
      <path d="M24 9 L40 22 L36 22 L36 38 L12 38 L12 22 L8 22 Z" fill="#ffffff" />
      <circle cx="24" cy="28" r="6.5" fill="#ffb43a" />
      <circle cx="21.8" cy="27.2" r="1.1" fill="#10357a" />
      <circle cx="26.2" cy="27.2" r="1.1" fill="#10357a" />
      <path d="M21.6 30.2 Q24 32.2 26.4 30.2" stroke="#10357a" strokeWidth="1.2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
