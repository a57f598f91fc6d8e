/** Compact before/after comparison for the audit viewer. */
export interface Change {
  key: string;
  before: string | undefined;
  after: string | undefined;
}

const MAX = 80;

function parse(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return v;
  try {
    return JSON.parse(s);
  } catch {
    return v;
  }
}

export function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys whose values differ (a create lists every field of `after`, a delete every field of `before`). */
export function diff(beforeRaw: unknown, afterRaw: unknown): Change[] {
  const before = parse(beforeRaw);
  const after = parse(afterRaw);
  if (!isRecord(before) && !isRecord(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ key: '', before: before == null ? undefined : show(before), after: after == null ? undefined : show(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const out: Change[] = [];
  for (const key of keys) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    out.push({ key, before: key in b ? show(b[key]) : undefined, after: key in a ? show(a[key]) : undefined });
  }
  return out;
}
