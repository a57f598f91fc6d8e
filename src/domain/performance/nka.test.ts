import { describe, expect, it } from 'vitest';
import type { Rational } from '../core/rational.ts';
import { toFixedHalfUp } from '../core/rounding.ts';
import { capaian } from './capaian.ts';
import { ikpa, nka } from './nka.ts';
import { d } from './test-fixtures.ts';

const fx = (x: Rational | null, places = 2) => (x === null ? null : toFixedHalfUp(x, places));

describe('EX-SK-05 NKA = 0,6·EKA + 0,4·IKPA', () => {
  it.each([
    ['83.48', '96.37', '88.636', '88.64'],
    ['76.65', '97.35', '84.930', '84.93'],
    ['71.20', '96.62', '81.368', '81.37'],
  ])('EKA %s, IKPA %s -> %s', (eka, ikpaValue, full, display) => {
    const v = nka(d(eka), d(ikpaValue));
    expect(fx(v, 3)).toBe(full);
    expect(fx(v)).toBe(display);
  });

  it('NKA BPOM parts 45,99 + 38,94', () => {
    expect(fx(d('0.6').mul(d('76.65')))).toBe('45.99');
    expect(fx(d('0.4').mul(d('97.35')))).toBe('38.94');
  });

  it('NKA Serang as realisation of IKU 29 gives capaian 101,88 against 87', () => {
    expect(fx(capaian(nka(d('83.48'), d('96.37')), d(87)).value)).toBe('101.88');
  });
});

describe('EX-SK-05 IKPA BBPOM di Serang, Sept 2022', () => {
  const scores = {
    revisi_dipa: d(100),
    deviasi_halaman_iii: d(84),
    penyerapan_anggaran: d('91.52'),
    belanja_kontraktual: d(97),
    penyelesaian_tagihan: d(100),
    pengelolaan_up_tup: d('99.65'),
    dispensasi_spm: d(100),
    capaian_output: d(100),
  };
  const r = ikpa(scores);

  it('weighted parts 10,00; 8,40; 18,30; 9,70; 10,00; 9,97 (printed 9,96); 5,00; 25,00', () => {
    expect(r.parts.map((p) => fx(p.weighted))).toEqual(['10.00', '8.40', '18.30', '9.70', '10.00', '9.97', '5.00', '25.00']);
  });

  it('nilai total 96,369 -> 96,37; konversi bobot 100%; nilai akhir 96,37', () => {
    expect(fx(r.nilaiTotal, 3)).toBe('96.369');
    expect(fx(r.konversiBobot.mul(100))).toBe('100.00');
    expect(fx(r.nilaiAkhir)).toBe('96.37');
  });

  it('nilai aspek (simple means): 92,00 / 97,63 / 100,00; must NOT produce 96,31 for Kualitas Pelaksanaan', () => {
    expect(r.aspects.map((a) => fx(a.score))).toEqual(['92.00', '97.63', '100.00']);
    const weighted = d('91.52').mul(20).add(d(97).mul(10)).add(d(100).mul(10)).add(d('99.65').mul(10)).add(d(100).mul(5)).div(55);
    expect(fx(weighted)).toBe('96.31');
    expect(fx(r.aspects[1]?.score ?? null)).not.toBe('96.31');
  });

  it('indicators not scored yet (TW I) lower the konversi bobot and the nilai akhir rescales', () => {
    const partial = ikpa({ ...scores, belanja_kontraktual: null, capaian_output: undefined });
    expect(fx(partial.konversiBobot.mul(100))).toBe('65.00');
    expect(fx(partial.nilaiAkhir)).toBe(fx(partial.nilaiTotal.div(d('0.65'))));
  });
});
