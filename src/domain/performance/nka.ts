import { mean, Rational, sum } from '../core/rational.ts';

/** DOMAIN §8.12: NKA = 0.6 · EKA + 0.4 · IKPA (EKA from SMART DJA, IKPA from OMSPAN/SPAN). */
export function nka(eka: Rational, ikpa: Rational): Rational {
  return Rational.of(6, 10).mul(eka).add(Rational.of(4, 10).mul(ikpa));
}

export type IkpaAspect = 'kualitas_perencanaan' | 'kualitas_pelaksanaan' | 'kualitas_hasil';

export interface IkpaIndicatorDef {
  code: string;
  name: string;
  /** Weight in percent; the eight default weights sum to 100. */
  weight: Rational;
  aspect: IkpaAspect;
}

export const IKPA_INDICATORS: readonly IkpaIndicatorDef[] = [
  { code: 'revisi_dipa', name: 'Revisi DIPA', weight: Rational.of(10), aspect: 'kualitas_perencanaan' },
  { code: 'deviasi_halaman_iii', name: 'Deviasi Halaman III DIPA', weight: Rational.of(10), aspect: 'kualitas_perencanaan' },
  { code: 'penyerapan_anggaran', name: 'Penyerapan Anggaran', weight: Rational.of(20), aspect: 'kualitas_pelaksanaan' },
  { code: 'belanja_kontraktual', name: 'Belanja Kontraktual', weight: Rational.of(10), aspect: 'kualitas_pelaksanaan' },
  { code: 'penyelesaian_tagihan', name: 'Penyelesaian Tagihan', weight: Rational.of(10), aspect: 'kualitas_pelaksanaan' },
  { code: 'pengelolaan_up_tup', name: 'Pengelolaan UP dan TUP', weight: Rational.of(10), aspect: 'kualitas_pelaksanaan' },
  { code: 'dispensasi_spm', name: 'Dispensasi SPM', weight: Rational.of(5), aspect: 'kualitas_pelaksanaan' },
  { code: 'capaian_output', name: 'Capaian Output', weight: Rational.of(25), aspect: 'kualitas_hasil' },
];

export const IKPA_ASPECTS: readonly { code: IkpaAspect; name: string }[] = [
  { code: 'kualitas_perencanaan', name: 'Kualitas Perencanaan' },
  { code: 'kualitas_pelaksanaan', name: 'Kualitas Pelaksanaan' },
  { code: 'kualitas_hasil', name: 'Kualitas Hasil' },
];

export interface IkpaResult {
  parts: { code: string; score: Rational | null; weighted: Rational | null }[];
  nilaiTotal: Rational;
  /** Σ scored weights / 100: below 1 when some indicators are not scored yet (e.g. TW I). */
  konversiBobot: Rational;
  nilaiAkhir: Rational | null;
  /** Simple mean of the scores in each aspect (not weighted by the indicator weights). */
  aspects: { code: IkpaAspect; name: string; score: Rational | null }[];
}

export function ikpa(
  scores: Readonly<Record<string, Rational | null | undefined>>,
  indicators: readonly IkpaIndicatorDef[] = IKPA_INDICATORS,
): IkpaResult {
  const parts = indicators.map((d) => {
    const score = scores[d.code] ?? null;
    return { code: d.code, score, weighted: score === null ? null : score.mul(d.weight).div(100) };
  });
  const scored = indicators.filter((_, i) => parts[i]?.score !== null);
  const nilaiTotal = sum(parts.flatMap((p) => (p.weighted === null ? [] : [p.weighted])));
  const konversiBobot = sum(scored.map((d) => d.weight)).div(100);
  return {
    parts,
    nilaiTotal,
    konversiBobot,
    nilaiAkhir: konversiBobot.isZero() ? null : nilaiTotal.div(konversiBobot),
    aspects: IKPA_ASPECTS.map((a) => ({
      code: a.code,
      name: a.name,
      score: mean(
        indicators.flatMap((d, i) => {
          const s = parts[i]?.score ?? null;
          return d.aspect === a.code && s !== null ? [s] : [];
        }),
      ),
    })),
  };
}
