// Small line icons drawn inline (no icon package in the H5 bundle). They take the text colour.
import type { SVGProps } from 'react';

const base: SVGProps<SVGSVGElement> = {
  width: '1em',
  height: '1em',
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  'aria-hidden': true,
};

export const BackIcon = () => (
  <svg {...base}>
    <path d="M15 5 8 12l7 7" />
  </svg>
);
export const HomeIcon = () => (
  <svg {...base}>
    <path d="M3 10.5 12 3l9 7.5" />
    <path d="M5 9.5V20h5v-6h4v6h5V9.5" />
  </svg>
);
export const HouseIcon = () => (
  <svg {...base}>
    <path d="M4 11 12 4l8 7" />
    <path d="M6 9.8V20h12V9.8" />
    <circle cx="12" cy="13.5" r="2" />
    <path d="M9.5 20c0-1.6 1.1-2.8 2.5-2.8s2.5 1.2 2.5 2.8" />
  </svg>
);
export const UserIcon = () => (
  <svg {...base}>
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c0-4.2 3.6-7 8-7s8 2.8 8 7" />
  </svg>
);
export const PinIcon = () => (
  <svg {...base}>
    <path d="M12 21s7-6.2 7-11.5A7 7 0 0 0 5 9.5C5 14.8 12 21 12 21Z" />
    <circle cx="12" cy="9.5" r="2.5" />
  </svg>
);
export const ClockIcon = () => (
  <svg {...base}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </svg>
);
export const PhoneIcon = () => (
  <svg {...base}>
    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
  </svg>
);
export const ChildIcon = () => (
  <svg {...base}>
    <circle cx="12" cy="13" r="8" />
    <path d="M12 5c0-1.6 1.4-2.4 2.6-1.6" />
    <path d="M9.2 15.6c1.6 1.3 4 1.3 5.6 0" />
    <circle cx="9.3" cy="12" r="0.6" fill="currentColor" />
    <circle cx="14.7" cy="12" r="0.6" fill="currentColor" />
  </svg>
);
export const CheckIcon = () => (
  <svg {...base} strokeWidth={2.4}>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </svg>
);
export const DashIcon = () => (
  <svg {...base} strokeWidth={2.4}>
    <path d="M7 12h10" />
  </svg>
);
export const HeartIcon = () => (
  <svg {...base}>
    <path d="M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.6 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10Z" />
  </svg>
);

export const FamilyIcon = () => (
  <svg {...base}>
    <circle cx="8.5" cy="7" r="3" />
    <circle cx="16.5" cy="9" r="2.3" />
    <path d="M3 20c0-3.4 2.5-6 5.5-6s5.5 2.6 5.5 6" />
    <path d="M14.2 14.6c.7-.4 1.5-.6 2.3-.6 2.5 0 4.5 2.1 4.5 5" />
  </svg>
);
export const DocIcon = () => (
  <svg {...base}>
    <path d="M6 3h8l4 4v14H6z" />
    <path d="M14 3v4h4" />
    <path d="M9 12h6M9 16h6" />
  </svg>
);
export const CameraIcon = () => (
  <svg {...base}>
    <path d="M4 8h3l1.6-2.4h6.8L17 8h3v11H4z" />
    <circle cx="12" cy="13.2" r="3.4" />
  </svg>
);
export const ImageIcon = () => (
  <svg {...base}>
    <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
    <circle cx="9" cy="10" r="1.6" />
    <path d="m4 18 5-5 4 4 3-3 4 4" />
  </svg>
);
export const AlertIcon = () => (
  <svg {...base}>
    <path d="M12 3.5 2.8 19.5h18.4z" />
    <path d="M12 10v4.2" />
    <circle cx="12" cy="17" r="0.7" fill="currentColor" />
  </svg>
);
export const ShieldIcon = () => (
  <svg {...base}>
    <path d="M12 3 5 6v5.5c0 4.3 3 7.7 7 9.5 4-1.8 7-5.2 7-9.5V6z" />
    <path d="m9 12 2.2 2.2L15.5 10" />
  </svg>
);
export const PlusIcon = () => (
  <svg {...base} strokeWidth={2.2}>
    <path d="M12 5v14M5 12h14" />
  </svg>
);
export const EditIcon = () => (
  <svg {...base}>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="m13.5 6.5 4 4" />
  </svg>
);

export const CalendarIcon = () => (
  <svg {...base}>
    <rect x="3.5" y="5" width="17" height="15.5" rx="2.5" />
    <path d="M3.5 10h17M8 3v4M16 3v4" />
    <path d="m9 15 2 2 4-4" />
  </svg>
);
export const WalkIcon = () => (
  <svg {...base}>
    <circle cx="13" cy="4.5" r="1.8" />
    <path d="m9 21 2.5-6.5L14 17v4" />
    <path d="M7 11.5 9.5 8l3.5-.5 2.5 4.5 3 1" />
    <path d="m11.5 14.5 1.5-6.5" />
  </svg>
);
export const LocateIcon = () => (
  <svg {...base}>
    <circle cx="12" cy="12" r="7" />
    <circle cx="12" cy="12" r="2.5" />
    <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
  </svg>
);
export const BellIcon = () => (
  <svg {...base}>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5a2 2 0 0 0 4 0" />
  </svg>
);
export const RoomIcon = () => (
  <svg {...base}>
    <path d="M4 20V6.5L12 4l8 2.5V20" />
    <path d="M9 20v-6h6v6" />
    <path d="M2.5 20h19" />
  </svg>
);

/** The start of registration: a family under the house's roof. */
export const FamilyArt = () => (
  <svg width="120" height="96" viewBox="0 0 120 96" aria-hidden="true">
    <ellipse cx="60" cy="88" rx="50" ry="6" fill="#ffe3cc" />
    <path d="M14 46 60 10l46 36" fill="none" stroke="#ff8a3d" strokeWidth="7" strokeLinecap="round" strokeLinejoin="round" />
    <rect x="24" y="42" width="72" height="44" rx="8" fill="#fff" stroke="#ff8a3d" strokeWidth="4" />
    <circle cx="46" cy="58" r="6" fill="#ffb27a" />
    <path d="M36 82c0-7 4.5-12 10-12s10 5 10 12" fill="#ffb27a" />
    <circle cx="72" cy="64" r="4.6" fill="#ff8a3d" />
    <path d="M64.5 82c0-5.4 3.4-9.2 7.5-9.2s7.5 3.8 7.5 9.2" fill="#ff8a3d" />
    <circle cx="100" cy="18" r="7" fill="#ffc857" />
  </svg>
);

/** The sign-in page's picture: a little house with a heart, in the brand's warm colours. */
export const HouseArt = () => (
  <svg width="112" height="96" viewBox="0 0 112 96" aria-hidden="true">
    <ellipse cx="56" cy="88" rx="46" ry="6" fill="#ffe3cc" />
    <path d="M16 44 56 12l40 32" fill="none" stroke="#ff8a3d" strokeWidth="7" strokeLinecap="round" strokeLinejoin="round" />
    <rect x="26" y="40" width="60" height="46" rx="8" fill="#fff" stroke="#ff8a3d" strokeWidth="4" />
    <path d="M56 74s-12-7.2-12-15.4a6.6 6.6 0 0 1 12-3.8 6.6 6.6 0 0 1 12 3.8C68 66.8 56 74 56 74Z" fill="#ff8a3d" />
    <circle cx="86" cy="20" r="7" fill="#ffc857" />
  </svg>
);
/** 育儿指导: an open book with a heart. */
export const GuideIcon = () => (
  <svg {...base}>
    <path d="M3 5.5c3-1 6-.6 9 1.5 3-2.1 6-2.5 9-1.5V19c-3-1-6-.6-9 1.5-3-2.1-6-2.5-9-1.5z" />
    <path d="M12 7v13.5" />
  </svg>
);
