/**
 * Indonesian phone numbers as respondents type them: `0812-3456-789`, `+62 812 3456 789`, `62812…`, `812…`.
 * Normalised to the domestic form `0812…` so one person matches however they wrote it.
 * Returns null for "not given": empty, "-", "0", only zeros or no digit at all (DOMAIN 5.6: phone "0"
 * means not given and never matches).
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+');
  let s = trimmed.replace(/\D/g, '');
  if (s === '' || /^0+$/.test(s)) return null;
  if (s.startsWith('62')) s = `0${s.slice(2)}`;
  else if (plus)
    return `+${s}`; // a foreign number: kept in international form
  else if (s.startsWith('8')) s = `0${s}`; // "812…" typed without the trunk prefix
  return /^0+$/.test(s) ? null : s;
}
