import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKeys, hasKey, t } from '../../src/shared/i18n/index.ts';
import { webMessages } from '../../src/shared/i18n/messages/web.ts';
import { ApiError, fieldError, fieldName, withQuery } from '../../src/web/lib/api.ts';
import { diff } from '../../src/web/lib/diff.ts';
import { DELIVERY_MODES, ROLES, TIME_ZONES, UNIT_TYPES } from '../../src/web/lib/types.ts';
import { passwordProblems } from '../../src/web/pages/change-password.tsx';
import { NAV } from '../../src/web/pages/shell.tsx';
import { rowIssue } from '../../src/web/pages/user-import.tsx';
import { REPO_ROOT } from '../helpers/browser.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('admin UI messages', () => {
  const used = new Set<string>();
  for (const file of sources(join(REPO_ROOT, 'src/web'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'(web\.[A-Za-z0-9_./]+)'/g)) used.add(m[1] as string);
  }
  // Keys built at run time from enumerations.
  for (const r of ROLES) used.add(`web.role.${r}`);
  for (const u of UNIT_TYPES) used.add(`web.unitType.${u}`);
  for (const z of TIME_ZONES) used.add(`web.tz.${z}`);
  for (const d of DELIVERY_MODES) used.add(`web.mode.${d}`);
  for (const n of NAV) used.add(`${n.key}.about`);

  it('finds the keys the UI uses', () => {
    expect(used.size).toBeGreaterThan(200);
  });

  it('has every used key in Indonesian and English', () => {
    const missing = [...used].filter((k) => !hasKey('id', k) || !hasKey('en', k));
    expect(missing).toEqual([]);
  });

  it('keeps the two languages in step and defines no unused key', () => {
    const id = Object.keys(webMessages.id).sort();
    expect(Object.keys(webMessages.en).sort()).toEqual(id);
    expect(id.filter((k) => !used.has(k))).toEqual([]);
    expect(allKeys().id).toEqual(expect.arrayContaining(id));
  });

  it('fills parameters', () => {
    expect(t('id', 'web.pagination.showing', { from: 1, to: 25, total: 97, noun: 'unit' })).toBe('Menampilkan 1–25 dari 97 unit');
    expect(t('en', 'web.nav.organisation')).toBe('Organisation');
  });
});

describe('audit diff', () => {
  it('lists only changed fields of an update', () => {
    expect(diff({ name: 'A', active: true, n: 1 }, { name: 'B', active: true, n: 2 })).toEqual([
      { key: 'name', before: 'A', after: 'B' },
      { key: 'n', before: '1', after: '2' },
    ]);
  });

  it('lists every field of a create and of a delete, also from JSON text', () => {
    expect(diff(null, '{"code":"X","active":true}')).toEqual([
      { key: 'code', before: undefined, after: 'X' },
      { key: 'active', before: undefined, after: 'true' },
    ]);
    expect(diff({ code: 'X' }, null)).toEqual([{ key: 'code', before: 'X', after: undefined }]);
  });

  it('shortens long values and compares nested ones by content', () => {
    const long = 'x'.repeat(200);
    const [c] = diff({ a: long }, { a: 'y' });
    expect(c?.before?.length).toBe(80);
    expect(c?.before?.endsWith('…')).toBe(true);
    expect(diff({ roles: [{ role: 'a' }] }, { roles: [{ role: 'a' }] })).toEqual([]);
  });
});

describe('CSV import issues', () => {
  it('reads the row number and column from server field paths', () => {
    expect(rowIssue('rows[3].unit', 'no unit')).toEqual({ row: 3, column: 'unit', message: 'no unit' });
    expect(rowIssue('body.rows[12].nip', 'bad')).toEqual({ row: 12, column: 'nip', message: 'bad' });
    expect(rowIssue('rows.4.role', 'bad')).toEqual({ row: 4, column: 'role', message: 'bad' });
    expect(rowIssue('body.csv', 'empty')).toEqual({ row: null, column: 'csv', message: 'empty' });
  });
});

describe('API helpers', () => {
  it('drops empty query values', () => {
    expect(withQuery('/units', { q: '', type: 'loka', page: 2, includeInactive: undefined })).toBe('/units?type=loka&page=2');
    expect(withQuery('/units', {})).toBe('/units');
  });

  it('maps server field paths to inputs', () => {
    expect(fieldName('body.populationDivisor')).toBe('populationDivisor');
    const err = new ApiError(400, 'validation_failed', 'bad', [
      { field: 'body.name', message: 'required' },
      { field: 'body.roles.0.unitId', message: 'unit needed' },
    ]);
    expect(fieldError(err, 'name')).toBe('required');
    expect(fieldError(err, 'roles.0.unitId')).toBe('unit needed');
    expect(fieldError(err, 'email')).toBeUndefined();
    expect(fieldError(new Error('x'), 'name')).toBeUndefined();
  });
});

describe('password rules in the browser', () => {
  const tr = (k: string, p?: Record<string, string | number>) => t('en', k, p);
  it('mirrors the server: 10 characters, not the username, typed twice', () => {
    expect(passwordProblems(tr, 'admin', 'short', 'short')).toEqual({ newPassword: 'The password needs at least 10 characters' });
    expect(passwordProblems(tr, 'administrator', 'Administrator', 'Administrator').newPassword).toBe(
      'The password must not equal the username',
    );
    expect(passwordProblems(tr, 'admin', 'long-enough-1', 'long-enough-2')).toEqual({
      confirmPassword: 'The two passwords differ',
    });
    expect(passwordProblems(tr, 'admin', 'long-enough-1', 'long-enough-1')).toEqual({});
  });
});
