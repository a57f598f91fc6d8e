import { describe, expect, it } from 'vitest';
import { Rational } from '../core/rational.ts';
import { loadProfile, ProfileError, questionPosition } from './profile.ts';
import { BPOM_2024 } from './shipped/bpom-2024.ts';
import { PERMENPAN_2017 } from './shipped/permenpan-2017.ts';
import { SHIPPED_PROFILES } from './shipped-profiles.ts';

const problemsOf = (json: unknown): string[] => {
  try {
    loadProfile(json);
    return [];
  } catch (e) {
    if (e instanceof ProfileError) return e.problems;
    throw e;
  }
};
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('shipped profiles', () => {
  it('ships permenpan-2017, bpom-2024 and spkp-spak-4', () => {
    expect([...SHIPPED_PROFILES.keys()]).toEqual(['permenpan-2017', 'bpom-2024', 'spkp-spak-4']);
  });

  it('permenpan-2017: 9 questions on 4 points, one per element U1-U9, weights exactly 1/9', () => {
    const p = SHIPPED_PROFILES.get('permenpan-2017')!;
    expect(p.scaleMax).toBe(4);
    expect(p.questions.map((q) => q.code)).toEqual(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9']);
    expect(p.instruments.skm!.elements.map((e) => e.questionCodes)).toEqual(p.questions.map((q) => [q.code]));
    expect(p.instruments.skm!.elements[7]!.name.id).toMatch(/Pengaduan/);
    expect(p.skmElementWeights.every((w) => w.weight.eq(Rational.of(1n, 9n)))).toBe(true);
  });

  it('bpom-2024: A1-A14, B1-B5 on 6 points; U3 = A3+A4+A5; SPKP/SPAK as D16', () => {
    const p = SHIPPED_PROFILES.get('bpom-2024')!;
    expect(p.scaleMax).toBe(6);
    expect(p.questions).toHaveLength(19);
    expect(p.instruments.skm!.elements.find((e) => e.code === 'U3')!.questionCodes).toEqual(['A3', 'A4', 'A5']);
    expect(p.instruments.spkp!.elements.map((e) => e.questionCodes[0])).toEqual([
      'A2',
      'A3',
      'A5',
      'A10',
      'A11',
      'A12',
      'A13',
      'A14',
    ]);
    expect(p.instruments.spak!.elements.map((e) => `${e.code}:${e.questionCodes[0]}`)).toEqual([
      'P1:B1',
      'P2:B2',
      'P3:B3',
      'P4:B4',
      'P5:B5',
    ]);
    expect(p.questions[0]!.text.id).toBe('Bagaimana penilaian Saudara mengenai kemudahan pemenuhan persyaratan pelayanan ?');
    expect(p.optionSets.find((o) => o.code === 'cepat')!.labels.map((l) => l.id)).toEqual([
      'Sangat Lambat',
      'Lambat',
      'Kurang Cepat',
      'Cukup Cepat',
      'Cepat',
      'Sangat Cepat',
    ]);
    expect(questionPosition(p, 'B1')).toBe(15);
    expect(p.gradeTable.code).toBe('SKM_GRADE');
    expect(p.ageBands.map((b) => b.label.id)).toEqual([
      '≤ 25 Tahun',
      '26 – 30 Tahun',
      '31 – 35 Tahun',
      '36 – 40 Tahun',
      '≥ 41 Tahun',
    ]);
    expect(p.respondentFields.find((f) => f.code === 'occupation')!.options).toHaveLength(7);
  });

  it('spkp-spak-4: U1-U8 and P1-P5 on 4 points, no SKM', () => {
    const p = SHIPPED_PROFILES.get('spkp-spak-4')!;
    expect(p.questions.map((q) => q.code).join()).toBe('U1,U2,U3,U4,U5,U6,U7,U8,P1,P2,P3,P4,P5');
    expect(p.instruments.skm).toBeUndefined();
  });

  it('every label exists in Indonesian and English', () => {
    for (const p of SHIPPED_PROFILES.values()) {
      for (const q of p.questions) expect(q.text.en.length).toBeGreaterThan(5);
      for (const o of p.optionSets) for (const l of o.labels) expect(l.en.length).toBeGreaterThan(0);
    }
  });

  it('survives a JSON round trip', () => {
    const p = loadProfile(JSON.parse(JSON.stringify(BPOM_2024)));
    expect(p.code).toBe('bpom-2024');
  });
});

describe('rejected profiles name the problem', () => {
  it('weights not summing to exactly 1', () => {
    const w = Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, '0.1111']));
    expect(problemsOf({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: w } }).join()).toMatch(/sum to .* not exactly 1/);
  });

  it('literal 0.111 even when the total is 1', () => {
    const w: Record<string, string> = Object.fromEntries(
      ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8'].map((u) => [u, '0.111']),
    );
    w.U9 = '0.112';
    const problems = problemsOf({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: w } });
    expect(problems.join()).toMatch(/0\.111 of "U1" is a forbidden truncated literal/);
    expect(problems.join()).not.toMatch(/not exactly 1/);
  });

  it('custom fractions that sum to 1 are accepted', () => {
    const w = { U1: '1/6', U2: '1/6', U3: '1/6', U4: '1/12', U5: '1/12', U6: '1/12', U7: '1/12', U8: '1/12', U9: '1/12' };
    expect(problemsOf({ ...BPOM_2024, skmWeights: { mode: 'custom', weights: w } })).toEqual([]);
  });

  it('an element with no question, an unknown question, a duplicate code', () => {
    const p = clone(PERMENPAN_2017);
    p.instruments.skm!.elements[0]!.questionCodes = [];
    p.instruments.skm!.elements[1]!.questionCodes = ['X9'];
    p.questions[2]!.code = 'U4';
    const problems = problemsOf(p);
    expect(problems).toContain('skm: element "U1" has no question');
    expect(problems).toContain('skm: element "U2" refers to unknown question "X9"');
    expect(problems).toContain('duplicate question code "U4"');
  });

  it('a duplicate element, an option set of the wrong length, unknown references', () => {
    const p = clone(PERMENPAN_2017);
    p.instruments.skm!.elements[1]!.code = 'U1';
    p.optionSets[0]!.labels.pop();
    p.questions[0]!.optionSet = 'nope';
    const problems = problemsOf(p).join('\n');
    expect(problems).toMatch(/duplicate element code "U1"/);
    expect(problems).toMatch(/option set "sesuai" has 3 labels, the scale 1-4 needs 4/);
    expect(problems).toMatch(/question "U1" refers to unknown option set "nope"/);
  });

  it('schema errors carry the JSON path', () => {
    const problems = problemsOf({ ...BPOM_2024, scaleMax: 'six' });
    expect(problems.join()).toMatch(/^scaleMax: /);
    expect(problemsOf(null).join()).toMatch(/\(root\)/);
  });
});
