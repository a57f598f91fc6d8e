import { normalisePhone } from './phone.ts';

/** "Budi Santoso" → "B. S." (DOMAIN 4.8: initials in every output that leaves the unit). */
export function maskName(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.length) return '-';
  return words.map((w) => `${[...w][0]?.toLocaleUpperCase('id-ID')}.`).join(' ');
}

/** Last 3 digits only; the mask has a fixed width so it does not reveal the number's length. */
export function maskPhone(phone: string | null | undefined): string {
  const p = normalisePhone(phone);
  if (!p) return '-';
  const digits = p.replace(/\D/g, '');
  if (digits.length <= 3) return '***';
  return `********${digits.slice(-3)}`;
}

/** Institutions can identify a respondent as well as a name can: initials too. */
export const maskInstitution = maskName;
