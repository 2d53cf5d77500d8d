// 等保 2.0 password rule (DOMAIN.md §6): at least 8 characters from at least three character classes.

export const MIN_PASSWORD_LENGTH = 8;

export function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function isStrongPassword(password: string): boolean {
  return password.length >= MIN_PASSWORD_LENGTH && password.length <= 128 && passwordClasses(password) >= 3;
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isMobilePhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}
