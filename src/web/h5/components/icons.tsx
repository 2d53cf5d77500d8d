// Small line icons drawn inline (no icon package in the H5 bundle). They take the text colour.
import type { SVGProps } from 'react';

const base: SVGProps<SVGSVGElement> = {
  width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor',
  strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true,
};

export const HomeIcon = () => (
  <svg {...base}><path d="M3 10.5 12 3l9 7.5" /><path d="M5 9.5V20h5v-6h4v6h5V9.5" /></svg>
);
export const HouseIcon = () => (
  <svg {...base}><path d="M4 11 12 4l8 7" /><path d="M6 9.8V20h12V9.8" /><circle cx="12" cy="13.5" r="2" /><path d="M9.5 20c0-1.6 1.1-2.8 2.5-2.8s2.5 1.2 2.5 2.8" /></svg>
);
export const UserIcon = () => (
  <svg {...base}><circle cx="12" cy="8" r="4" /><path d="M4 21c0-4.2 3.6-7 8-7s8 2.8 8 7" /></svg>
);
export const PinIcon = () => (
  <svg {...base}><path d="M12 21s7-6.2 7-11.5A7 7 0 0 0 5 9.5C5 14.8 12 21 12 21Z" /><circle cx="12" cy="9.5" r="2.5" /></svg>
);
export const ClockIcon = () => (
  <svg {...base}><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" /></svg>
);
export const PhoneIcon = () => (
  <svg {...base}><path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" /></svg>
);
export const ChildIcon = () => (
  <svg {...base}><circle cx="12" cy="13" r="8" /><path d="M12 5c0-1.6 1.4-2.4 2.6-1.6" /><path d="M9.2 15.6c1.6 1.3 4 1.3 5.6 0" /><circle cx="9.3" cy="12" r="0.6" fill="currentColor" /><circle cx="14.7" cy="12" r="0.6" fill="currentColor" /></svg>
);
export const CheckIcon = () => (
  <svg {...base} strokeWidth={2.4}><path d="m5 12.5 4.5 4.5L19 7.5" /></svg>
);
export const DashIcon = () => (
  <svg {...base} strokeWidth={2.4}><path d="M7 12h10" /></svg>
);
export const HeartIcon = () => (
  <svg {...base}><path d="M12 20s-7.5-4.6-7.5-10A4.2 4.2 0 0 1 12 7.6 4.2 4.2 0 0 1 19.5 10c0 5.4-7.5 10-7.5 10Z" /></svg>
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
