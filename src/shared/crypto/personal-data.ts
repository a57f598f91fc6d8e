import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { normalisePhone } from './phone.ts';

/**
 * Personal-data protection (DOMAIN 4.8): AES-256-GCM for the personal fields of a response, a keyed
 * blind index for phone matching and a keyed hash of client addresses. Every key is derived with HKDF
 * from the one app secret (`MUTU_SECRET_KEY`), each for one purpose, so no key is used twice.
 */
export class PersonalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SALT = Buffer.from('mutu/personal-data', 'utf8');

/** The secret is 32 bytes as hex (as generated) or base64; anything else is used as UTF-8 key material. */
export function secretBytes(secret: string): Buffer {
  const s = secret.trim();
  if (/^[0-9a-fA-F]{64}$/.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  if (Buffer.byteLength(s, 'utf8') < 16) throw new PersonalDataError('secret key too short (need at least 16 bytes)');
  return Buffer.from(s, 'utf8');
}

const derive = (ikm: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', ikm, SALT, info, 32));

const b64 = (b: Buffer) => b.toString('base64url');

export interface PersonalDataCrypto {
  /** `v1.<iv>.<tag>.<data>` (base64url). `context` (e.g. the column name) is bound as associated data. */
  encrypt(plaintext: string, context?: string): string;
  /** Throws PersonalDataError when the value was altered, moved to another context or made with another key. */
  decrypt(ciphertext: string, context?: string): string;
  encryptOptional(plaintext: string | null | undefined, context?: string): string | null;
  decryptOptional(ciphertext: string | null | undefined, context?: string): string | null;
  /** Blind index of a phone number for duplicate hints; null for "not given" (never matches). */
  phoneIndex(phone: string | null | undefined): string | null;
  /** Blind index of a respondent name (case, spacing and punctuation ignored); null when empty. */
  nameIndex(name: string | null | undefined): string | null;
  /** Keyed hash of a client address: lets rate limits and reviews compare addresses without storing them. */
  ipHash(ip: string): string;
}

export function createPersonalDataCrypto(secret: string): PersonalDataCrypto {
  const ikm = secretBytes(secret);
  const encKey = derive(ikm, 'mutu/v1/personal-field-encryption');
  const phoneKey = derive(ikm, 'mutu/v1/phone-blind-index');
  const ipKey = derive(ikm, 'mutu/v1/client-ip-hmac');
  const nameKey = derive(ikm, 'mutu/v1/name-blind-index');

  const encrypt = (plaintext: string, context = ''): string => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${FORMAT}|${context}`, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, b64(iv), b64(cipher.getAuthTag()), b64(data)].join('.');
  };

  const decrypt = (ciphertext: string, context = ''): string => {
    const parts = ciphertext.split('.');
    if (parts.length !== 4 || parts[0] !== FORMAT) throw new PersonalDataError('unknown ciphertext format');
    const [, ivS, tagS, dataS] = parts as [string, string, string, string];
    const iv = Buffer.from(ivS, 'base64url');
    const tag = Buffer.from(tagS, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new PersonalDataError('malformed ciphertext');
    try {
      const decipher = createDecipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${FORMAT}|${context}`, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(dataS, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new PersonalDataError('ciphertext failed authentication');
    }
  };

  return {
    encrypt,
    decrypt,
    encryptOptional: (p, c) => (p == null || p === '' ? null : encrypt(p, c)),
    decryptOptional: (x, c) => (x == null ? null : decrypt(x, c)),
    phoneIndex: (phone) => {
      const n = normalisePhone(phone);
      return n ? b64(createHmac('sha256', phoneKey).update(n, 'utf8').digest()) : null;
    },
    nameIndex: (name) => {
      const n = normaliseName(name);
      return n ? b64(createHmac('sha256', nameKey).update(n, 'utf8').digest()) : null;
    },
    ipHash: (ip) => b64(createHmac('sha256', ipKey).update(normaliseIp(ip), 'utf8').digest()),
  };
}

/** "  Budi  SANTOSO, S.T." and "budi santoso st" are the same name for duplicate hints. */
export function normaliseName(name: string | null | undefined): string | null {
  const n = (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('id-ID')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return n === '' ? null : n;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client; IPv6 compared case-insensitively. */
export function normaliseIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  const mapped = s.startsWith('::ffff:') ? s.slice(7) : s;
  return isIPv4(mapped) ? mapped : s;
}

/** Constant-time comparison of two blind indexes or hashes. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
