import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults are argon2id m=19456,t=2,p=1: OWASP's minimum profile.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never logs anyone in
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throw-away hash so that an unknown, locked or inactive account costs the
 * same time as a wrong password (no username enumeration by timing).
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummy ??= hash(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

// No look-alike characters (0/O, 1/l/I): temporary passwords are read aloud and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Temporary password like `Xk7m-P2qa-Hn4t-Wz9c` (about 91 bits). */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(s);
  }
  return groups.join('-');
}

/** 32 random bytes for a cookie or a link; only its sha256 is stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');
export const sha256Hex = (token: string): string => createHash('sha256').update(token).digest('hex');
