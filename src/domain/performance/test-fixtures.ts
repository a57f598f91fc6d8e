/*
 * Golden inputs of EXAMPLES.md §5 (EX-SK-01..03), transcribed for the tests of this folder. Sources: seed 004
 * (Sekretariat Utama, TW II 2023, Tabel 6 lines 548-599, corrected TW I targets of Tabel 12/14) and seed 003
 * (BBPOM di Serang, TW III 2022, Tabel 3.1, numerators lines 2938-2962, components lines 3085-3097 / 3348-3390,
 * stage sheets lines 3527-3622). The example files in resources/examples/ carry the same inputs as JSON.
 */
import { Rational } from '../core/rational.ts';
import type { PerformanceIndicator, PerformanceInput } from './evaluate.ts';
import type { RealisationInput, Stage } from './formulas.ts';
import type { TargetPattern } from './targets.ts';

export const d = (s: string | number): Rational => Rational.parse(s);

function months(entries: Record<number, string>): (Rational | null)[] {
  return Array.from({ length: 12 }, (_, i) => (entries[i + 1] !== undefined ? d(entries[i + 1] as string) : null));
}

const value = (v: string): RealisationInput => ({ kind: 'value', value: d(v) });

function ind(
  code: string,
  sasaran: string,
  pattern: TargetPattern,
  monthly: Record<number, string>,
  annual: string | null,
  realisations: Record<number, RealisationInput>,
): PerformanceIndicator {
  return {
    code,
    name: `IKU ${code}`,
    sasaran,
    polarity: 'maximize',
    pattern,
    monthlyTargets: months(monthly),
    annualTarget: annual === null ? null : d(annual),
    realisations: Object.entries(realisations).map(([m, input]) => ({ month: Number(m), input })),
  };
}

/** EX-SK-01: targets B03/B06/B12 and entered realisations B03/B06 (D31: used as entered). */
export const SETTAMA_ROWS = [
  { code: '4', sasaran: 'SP1', t3: '66.20', r3: '36.18', t6: '83.40', r6: '84.93', t12: '94.5' },
  { code: '9', sasaran: 'SP3', t3: '25.71', r3: '25.71', t6: '53.11', r6: '47.40', t12: '100' },
  { code: '15', sasaran: 'SP6', t3: '30', r3: '35.86', t6: '60', r6: '59.43', t12: '100' },
  { code: '16', sasaran: 'SP6', t3: '96', r3: '81.25', t6: '96', r6: '91.14', t12: '96' },
  { code: '17', sasaran: 'SP7', t3: '20', r3: '20.55', t6: '40', r6: '43.36', t12: '88' },
  { code: '18', sasaran: 'SP7', t3: '99.85', r3: '97.70', t6: '99.85', r6: '98.69', t12: '99.85' },
  { code: '19', sasaran: 'SP7', t3: '55', r3: '48.48', t6: '60', r6: '70.77', t12: '79' },
  { code: '20', sasaran: 'SP8', t3: '99.4', r3: '98.14', t6: '99.6', r6: '99.06', t12: '99.6' },
  { code: '21', sasaran: 'SP8', t3: '96.26', r3: '95.15', t6: '96.26', r6: '96.31', t12: '96.26' },
  { code: '26', sasaran: 'SP11', t3: '2.5', r3: '2.85', t6: '2.5', r6: '2.85', t12: '2.5' },
  { code: '27', sasaran: 'SP12', t3: '52.5', r3: '71.23', t6: '67.7', r6: '81.37', t12: '93.6' },
] as const;

const SETTAMA_PERSPECTIVE: Record<string, string> = {
  SP1: 'stakeholder',
  SP2: 'stakeholder',
  SP3: 'internal_process',
  SP4: 'internal_process',
  SP5: 'internal_process',
  SP6: 'internal_process',
  SP7: 'internal_process',
  SP8: 'internal_process',
  SP9: 'learning_growth',
  SP10: 'learning_growth',
  SP11: 'learning_growth',
  SP12: 'learning_growth',
};

export function settamaInput(overrides: { realisation20?: RealisationInput } = {}): PerformanceInput {
  return {
    entity: { name: 'Sekretariat Utama', overallMethod: 'mean_of_perspectives' },
    perspectives: [
      { code: 'stakeholder', name: 'Stakeholder Perspective' },
      { code: 'internal_process', name: 'Internal Process Perspective' },
      { code: 'learning_growth', name: 'Learning and Growth Perspective' },
    ],
    sasaran: Object.entries(SETTAMA_PERSPECTIVE).map(([code, perspective]) => ({ code, name: code, perspective })),
    indicators: SETTAMA_ROWS.map((r) =>
      ind(r.code, r.sasaran, 'cumulative', { 3: r.t3, 6: r.t6, 12: r.t12 }, r.t12, {
        3: value(r.r3),
        6: r.code === '20' && overrides.realisation20 ? overrides.realisation20 : value(r.r6),
      }),
    ),
  };
}

const stages = (pairs: [string, string | [number, number]][]): Stage[] =>
  pairs.map(([w, f]) => ({ weight: d(w), fractionDone: Array.isArray(f) ? Rational.of(f[0], f[1]) : d(f) }));

const ratio = (n: number, den: number): RealisationInput => ({ kind: 'ratio', numerator: d(n), denominator: d(den) });
const comps = (...pairs: [number, number][]): RealisationInput => ({
  kind: 'mean_of_component_ratios',
  components: pairs.map(([n, den]) => ({ numerator: d(n), denominator: d(den) })),
});

const SERANG_PERSPECTIVE: Record<string, string> = {
  SK1: 'stakeholder',
  SK2: 'stakeholder',
  SK3: 'stakeholder',
  SK4: 'internal_process',
  SK5: 'internal_process',
  SK6: 'internal_process',
  SK7: 'internal_process',
  SK8: 'learning_growth',
  SK9: 'learning_growth',
  SK10: 'learning_growth',
  SK11: 'learning_growth',
};

const flat = (v: string): Record<number, string> => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i + 1, v]));

/** EX-SK-03 inputs (TW III = B09). */
export function serangInput(): PerformanceInput {
  return {
    entity: { name: 'Balai Besar POM di Serang', overallMethod: 'mean_of_sasaran' },
    perspectives: [
      { code: 'stakeholder', name: 'Stakeholders Perspective' },
      { code: 'internal_process', name: 'Internal Process Perspective' },
      { code: 'learning_growth', name: 'Learning & Growth Perspective' },
    ],
    sasaran: Object.entries(SERANG_PERSPECTIVE).map(([code, perspective]) => ({ code, name: code, perspective })),
    indicators: [
      ind('1', 'SK1', 'constant', flat('85'), '85', { 9: ratio(539, 572) }),
      ind('2', 'SK1', 'constant', flat('82'), '82', { 9: ratio(55, 80) }),
      ind('3', 'SK1', 'constant', flat('85'), '85', { 9: ratio(129, 151) }),
      ind('4', 'SK1', 'constant', flat('78'), '78', { 9: ratio(26, 28) }),
      ind('5', 'SK1', 'constant', { 4: '81', 5: '81', 6: '81', 7: '81', 8: '81', 9: '81', 10: '81', 11: '81', 12: '81' }, '81', {
        9: ratio(66, 108),
      }),
      ind('9', 'SK3', 'year_end', { 12: '88' }, '88', {
        9: {
          kind: 'skm_pooled',
          services: [
            { index: d('97.69'), counted: 24 },
            { index: d('92.46'), counted: 108 },
          ],
        },
      }),
      ind('10', 'SK4', 'constant', flat('95'), '95', { 9: value('81.95') }),
      ind(
        '11',
        'SK4',
        'constant',
        { 1: '20', 2: '20', 3: '20', 4: '30', 5: '30', 6: '30', 7: '60', 8: '60', 9: '60', 10: '60', 11: '60', 12: '60' },
        '60',
        {
          9: comps([61, 103], [3, 17]),
        },
      ),
      ind(
        '12',
        'SK4',
        'cumulative',
        { 1: '60', 2: '60', 3: '60', 4: '70', 5: '70', 6: '70', 7: '80', 8: '82', 9: '84', 10: '86', 11: '88', 12: '97' },
        '97',
        { 9: ratio(273, 315) },
      ),
      ind('13', 'SK4', 'constant', flat('60'), '60', { 9: ratio(68, 155) }),
      ind('14', 'SK4', 'constant', flat('63'), '63', { 9: ratio(324, 475) }),
      ind('15', 'SK4', 'year_end', { 12: '4.45' }, '4.45', { 9: { kind: 'external', value: d('4.89') } }),
      ind(
        '16',
        'SK4',
        'progress',
        {
          1: '3',
          2: '7',
          3: '23',
          4: '30',
          5: '36',
          6: '36',
          7: '60.10',
          8: '64',
          9: '74.66',
          10: '78.33',
          11: '96.67',
          12: '77',
        },
        '77',
        {
          9: {
            kind: 'stage_progress',
            groups: [
              {
                name: 'Obat Tradisional',
                stages: stages([
                  ['10', '1'],
                  ['20', '1'],
                  ['40', [2, 6]],
                  ['20', [1, 6]],
                  ['10', '0.75'],
                ]),
              },
              {
                name: 'Kosmetik',
                stages: stages([
                  ['10', '1'],
                  ['40', '1'],
                  ['40', '1'],
                  ['10', '1'],
                ]),
              },
              {
                name: 'Pangan',
                stages: stages([
                  ['10', '1'],
                  ['20', '1'],
                  ['40', '1'],
                  ['20', [3, 25]],
                  ['10', '0.75'],
                ]),
              },
            ],
          },
        },
      ),
      ind(
        '17',
        'SK5',
        'cumulative',
        {
          1: '90.42',
          2: '91.38',
          3: '91.46',
          4: '91.56',
          5: '91.65',
          6: '91.72',
          7: '91.90',
          8: '92.06',
          9: '92.15',
          10: '92.22',
          11: '92.27',
          12: '92.30',
        },
        '92.3',
        { 9: value('92.74') },
      ),
      ind(
        '18',
        'SK5',
        'progress',
        { 2: '20', 3: '25', 4: '25', 5: '25', 6: '40', 7: '50', 8: '60', 9: '78.3', 10: '91.7', 11: '100', 12: '58' },
        '58',
        { 9: value('86.17') },
      ),
      ind(
        '19',
        'SK5',
        'progress',
        { 2: '24.2', 3: '44.2', 4: '44.2', 5: '49.2', 6: '64.2', 7: '80', 8: '85', 9: '85', 10: '85', 11: '95', 12: '18' },
        '18',
        {
          9: {
            kind: 'stage_progress',
            groups: [
              {
                stages: stages([
                  ['20', '1'],
                  ['5', '1'],
                  ['15', '1'],
                  ['15', '1'],
                  ['10', '1'],
                  ['10', '0.75'],
                  ['10', '0'],
                  ['5', '0'],
                  ['10', '1'],
                ]),
              },
            ],
          },
        },
      ),
      ind('20', 'SK5', 'progress', { 9: '90', 12: '3' }, '3', {
        9: {
          kind: 'stage_progress',
          groups: [
            {
              stages: stages([
                ['20', '1'],
                ['5', '1'],
                ['15', '1'],
                ['15', '1'],
                ['10', '1'],
                ['10', '1'],
                ['15', '0.8'],
                ['10', '1'],
              ]),
            },
          ],
        },
      }),
      ind(
        '21',
        'SK6',
        'cumulative',
        { 2: '16', 3: '24', 4: '32', 5: '40', 6: '48', 7: '56', 8: '64', 9: '72', 10: '80', 11: '88', 12: '100' },
        '100',
        { 9: comps([868, 1060], [1249, 1445]) },
      ),
      ind(
        '22',
        'SK6',
        'cumulative',
        { 2: '16', 3: '24', 4: '32', 5: '40', 6: '48', 7: '48', 8: '56', 9: '64', 10: '72', 11: '80', 12: '100' },
        '100',
        { 9: comps([254, 544], [373, 544]) },
      ),
      ind(
        '23',
        'SK7',
        'cumulative',
        { 1: '11', 2: '15', 3: '20', 4: '36', 5: '40', 6: '45', 7: '50', 8: '50', 9: '53', 10: '55', 11: '60', 12: '67' },
        '67',
        { 9: { kind: 'external', value: d('69.46') } },
      ),
      ind('24', 'SK8', 'year_end', { 12: '84.10' }, '84.10', { 9: { kind: 'external', value: d('88.58') } }),
      ind(
        '28',
        'SK10',
        'cumulative',
        { 3: '1.50', 4: '1.50', 5: '1.50', 6: '1.75', 7: '2.25', 8: '2.25', 9: '2.25', 10: '2.25', 11: '2.25', 12: '2.25' },
        '2.25',
        {
          1: value('0'),
          2: value('0'),
          3: value('1.7'),
          4: value('1.075'),
          5: value('2.2'),
          6: value('2.2'),
          9: { kind: 'mean_of_parts', parts: { mean: [d('3'), { sum: [d('0.8'), d('0.6')] }] } },
        },
      ),
      ind('29', 'SK11', 'cumulative', { 9: '87', 12: '92.7' }, '92.7', {
        9: {
          kind: 'weighted_sum',
          terms: [
            { weight: d('0.6'), value: d('83.48') },
            { weight: d('0.4'), value: d('96.37') },
          ],
        },
      }),
    ],
  };
}
