// The district's time zone: the one place that names it. Server (dates, SQL session settings) and both front ends
// (Intl formatting) read it from here.
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';
