import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { sameDigest, secretBytes } from '../../shared/crypto/personal-data.ts';

/**
 * The light challenge of the public form, with no third-party service: the page carries an
 * HMAC-signed render time bound to the link token; a post must come at least `minAgeMs` and at
 * most `maxAgeMs` after it. When that fails (a bot, or a page left open overnight) the form comes
 * back with a simple sum, the "kode keamanan", whose operands are signed into the new challenge.
 */
export interface ChallengeOptions {
  minAgeMs: number;
  maxAgeMs: number;
}

export const DEFAULT_CHALLENGE: ChallengeOptions = { minAgeMs: 3_000, maxAgeMs: 6 * 60 * 60_000 };

export type ChallengeResult = 'ok' | 'too_fast' | 'expired' | 'invalid' | 'captcha_wrong';

export interface Issued {
  value: string;
  captcha: { a: number; b: number } | null;
}

export function createChallenge(secret: string, opts: ChallengeOptions = DEFAULT_CHALLENGE) {
  const key = Buffer.from(hkdfSync('sha256', secretBytes(secret), Buffer.from('mutu/public-form'), 'mutu/v1/form-challenge', 32));
  const sign = (payload: string) => createHmac('sha256', key).update(payload, 'utf8').digest('base64url');

  function issue(token: string, now: number, withCaptcha = false): Issued {
    const captcha = withCaptcha ? { a: randomInt(2, 10), b: randomInt(2, 10) } : null;
    const body = `${now}.${captcha?.a ?? 0}.${captcha?.b ?? 0}`;
    return { value: `v1.${body}.${sign(`${token}|${body}`)}`, captcha };
  }

  /** A solved sum stands in for the minimum age: a person who read and answered it is not instant. */
  function verify(token: string, value: unknown, now: number, answer?: unknown): ChallengeResult {
    if (typeof value !== 'string') return 'invalid';
    const m = /^v1\.(\d{1,15})\.(\d{1,2})\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) return 'invalid';
    const [, ts, a, b, sig] = m as unknown as [string, string, string, string, string];
    if (!sameDigest(sign(`${token}|${ts}.${a}.${b}`), sig)) return 'invalid';
    const age = now - Number(ts);
    if (age > opts.maxAgeMs || age < -60_000) return 'expired';
    if (Number(a) > 0) {
      const given = typeof answer === 'string' ? answer.trim() : '';
      return given !== '' && Number(given) === Number(a) + Number(b) ? 'ok' : 'captcha_wrong';
    }
    return age < opts.minAgeMs ? 'too_fast' : 'ok';
  }

  return { issue, verify };
}

export type Challenge = ReturnType<typeof createChallenge>;
