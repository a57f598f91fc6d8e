import { describe, expect, it } from 'vitest';
import {
  detectDelimiter,
  type ImportMessages,
  parseCsv,
  usernameFromEmail,
  validateImport,
} from '../../src/modules/auth/users.import.ts';

const msg = new Proxy({} as ImportMessages, {
  get: (_t, key: string) => (arg?: unknown) => (arg === undefined ? key : `${key}:${String(arg)}`),
});
const units = [
  { id: 'u1', code: 'BBPOM-SRG', name: 'Balai Besar POM di Serang', active: 1 },
  { id: 'u2', code: 'LOKA-KTP', name: 'Loka POM di Kabupaten Ketapang', active: 1 },
];
const none = async () => new Set<string>();

describe('CSV parsing', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","multi\nline"\r\n1,,3\n';
    expect(parseCsv(text)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['x, y', 'say "hi"', 'multi\nline'] },
      { row: 3, cells: ['1', '', '3'] },
    ]);
  });

  it('detects semicolon files as saved by Excel in an Indonesian locale', () => {
    expect(detectDelimiter('nip;nama;email;unit kerja;peran\n')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    expect(parseCsv('a;"b;c"\n1;2')).toEqual([
      { row: 1, cells: ['a', 'b;c'] },
      { row: 2, cells: ['1', '2'] },
    ]);
  });

  it('derives usernames from the e-mail local part', () => {
    expect(usernameFromEmail('Ani.Kepala+skm@pom.go.id')).toBe('ani.kepalaskm');
  });
});

describe('import validation', () => {
  it('accepts Indonesian headers in any order and case, keeping file row numbers', async () => {
    const csv = 'PERAN,Nama,Unit Kerja,NIP\n\nunit_operator,Budi,bbpom-srg,1990 0101 2015 0110 01\n';
    const res = await validateImport(csv, units, none, msg);
    expect(res).toEqual({
      ok: true,
      rows: [
        {
          row: 3,
          username: '199001012015011001',
          fullName: 'Budi',
          nip: '199001012015011001',
          email: null,
          role: 'unit_operator',
          unitId: 'u1',
        },
      ],
    });
  });

  it('reports every bad cell, and usernames already taken', async () => {
    const csv = [
      'nip,name,email,unit,role',
      ',,,,', // blank line: skipped
      '199001012015011001,Budi,,Balai Besar POM di Serang,unit_operator',
      '199001012015011002,,x@,,sakip_manager',
      'abc,Ani,,u2,UNIT_HEAD,extra',
      ',Tanpa Id,,LOKA-KTP,unit_head',
    ].join('\n');
    const res = await validateImport(csv, units, async (names) => new Set(names.filter((n) => n === '199001012015011001')), msg);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues).toEqual([
      { field: 'rows[3].nip', message: 'usernameTaken:199001012015011001' },
      { field: 'rows[4].name', message: 'required' },
      { field: 'rows[4].email', message: 'invalidEmail' },
      { field: 'rows[4].unit', message: 'unitRequired' },
      { field: 'rows[5]', message: 'tooManyCells' },
      { field: 'rows[5].nip', message: 'invalidNip' },
      { field: 'rows[5].unit', message: 'unknownUnit' },
      { field: 'rows[6].nip', message: 'needNipOrEmail' },
    ]);
  });

  it('refuses unknown and duplicate header columns', async () => {
    const res = await validateImport('nip,name,nama,unit,role,jabatan\n1,2,3,4,5,6', units, none, msg);
    expect(res).toEqual({
      ok: false,
      issues: [
        { field: 'rows[1].name', message: 'duplicateColumn:name' },
        { field: 'rows[1].jabatan', message: 'unknownColumn:jabatan' },
      ],
    });
  });

  it('matches units by code case-insensitively but by exact name only', async () => {
    const res = await validateImport(
      'email,name,unit,role\nani@x.id,A,balai besar pom di serang,unit_operator',
      units,
      none,
      msg,
    );
    expect(res).toEqual({ ok: false, issues: [{ field: 'rows[2].unit', message: 'unknownUnit' }] });
  });
});
