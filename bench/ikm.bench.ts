/**
 * Issue 3 §9: the IKM of 1,000,000 bpom-2024 responses, held as one Uint8Array per question, must take
 * at most 3× a bare loop that only sums the same arrays. The IKM path is the real one: `tallyFromColumns`
 * (integer sums, answered counts and the personal-score sums for the CI) then `computeIkm` (exact
 * arithmetic on the sums). Warm-up runs first; the median of several runs is reported.
 */

import { formatId } from '../src/domain/core/rounding.ts';
import { shippedProfile } from '../src/domain/profiles/shipped-profiles.ts';
import { computeIkm } from '../src/domain/skm/ikm.ts';
import { tallyFromColumns } from '../src/domain/skm/tally.ts';

const N = 1_000_000;
const WARMUP = 3;
const RUNS = 9;
const LIMIT = 3;

const profile = shippedProfile('bpom-2024');
if (!profile) throw new Error('bpom-2024 profile missing');

// Deterministic pseudo-random answers 1..6 (xorshift), skewed towards the top of the scale like real data.
let seed = 0x9e3779b9;
const next = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};
const columns: Record<string, Uint8Array> = {};
for (const q of profile.questions) {
  const col = new Uint8Array(N);
  for (let r = 0; r < N; r++) {
    const u = next();
    col[r] = u < 0.02 ? 2 : u < 0.06 ? 3 : u < 0.2 ? 4 : u < 0.6 ? 5 : 6;
  }
  columns[q.code] = col;
}
// The arrays the IKM reads: A1-A11.
const skmCodes = profile.instruments.skm?.elements.flatMap((e) => e.questionCodes) ?? [];
const skmColumns = skmCodes.map((q) => columns[q] as Uint8Array);

function bareSums(): number {
  let total = 0;
  for (const col of skmColumns) {
    let s = 0;
    for (let r = 0; r < N; r++) s += col[r] as number;
    total += s;
  }
  return total;
}

function fullIkm() {
  return computeIkm(profile as NonNullable<typeof profile>, tallyFromColumns(profile as NonNullable<typeof profile>, columns, N));
}

function time<T>(fn: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const v = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, v];
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

for (let i = 0; i < WARMUP; i++) {
  bareSums();
  fullIkm();
}
const bare: number[] = [];
const full: number[] = [];
let check = 0;
let result = fullIkm();
for (let i = 0; i < RUNS; i++) {
  // Interleaved so that machine noise hits both alike.
  const [tb, s] = time(bareSums);
  const [tf, r] = time(fullIkm);
  bare.push(tb);
  full.push(tf);
  check = s;
  result = r;
}
const sumFromTally = result.questions.reduce((a, q) => a + q.sum, 0);
if (sumFromTally !== check) throw new Error(`Tally sums ${sumFromTally} differ from the bare sums ${check}`);

const mb = median(bare);
const mf = median(full);
const ratio = mf / mb;
console.log(
  `IKM of ${N.toLocaleString('en')} bpom-2024 responses (${skmColumns.length} question arrays, median of ${RUNS} after ${WARMUP} warm-ups)`,
);
console.log(`  bare summing loop : ${mb.toFixed(2)} ms`);
console.log(
  `  full IKM          : ${mf.toFixed(2)} ms  (IKM ${formatId(result.ikm)} ${result.grade?.code}, CI ${result.ci95 ? result.ci95.map((x) => formatId(x)).join(' – ') : '–'})`,
);
console.log(`  ratio             : ${ratio.toFixed(2)}x (limit ${LIMIT}x) ${ratio <= LIMIT ? 'OK' : 'TOO SLOW'}`);
if (ratio > LIMIT) process.exitCode = 1;
