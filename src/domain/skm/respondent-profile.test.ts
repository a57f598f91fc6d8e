import { describe, expect, it } from 'vitest';
import { formatId } from '../core/rounding.ts';
import { shippedProfile } from '../profiles/shipped-profiles.ts';
import { respondentProfile } from './respondent-profile.ts';

describe('respondent profile (§5.9)', () => {
  const bpom = shippedProfile('bpom-2024')!;
  const people = [
    { sex: 'laki_laki', education: 's2_s3', occupation: 'pegawai_bumn_bumd', age: 37 },
    { sex: 'perempuan', education: 's2_s3', occupation: 'pegawai_swasta', age: 28 },
    { sex: 'perempuan', education: 'd4_s1', occupation: 'pegawai_swasta', age: 25 },
    { sex: 'perempuan', education: 'unknown', occupation: 'wiraswasta', age: 41 },
  ];
  const p = respondentProfile(bpom, people);

  it('counts by sex, education, occupation and SKM age band with 2-decimal percentages of n', () => {
    expect(p.respondents).toBe(4);
    expect(p.sex.map((r) => [r.code, r.count, formatId(r.pct)])).toEqual([
      ['laki_laki', 1, '25,00'],
      ['perempuan', 3, '75,00'],
    ]);
    expect(p.ageBand.map((r) => r.count)).toEqual([1, 1, 0, 1, 1]);
    expect(p.education.find((r) => r.code === 'not_given')?.count).toBe(1);
    expect(p.occupation.reduce((a, r) => a + r.count, 0)).toBe(4);
  });

  it('uses 5-year bands for the perception report', () => {
    const q = respondentProfile(bpom, people, bpom.perceptionAgeBands);
    expect(q.ageBand.filter((r) => r.count > 0).map((r) => r.label.id)).toEqual([
      '25 – 29 tahun',
      '35 – 39 tahun',
      '40 – 44 tahun',
    ]);
  });
});
