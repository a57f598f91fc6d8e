import type { ProfileJson } from '../profile.ts';
import { RESPONDENT_FIELDS, SKM_AGE_BANDS, skmElements } from './common.ts';

/**
 * The classic 9-question, 4-point questionnaire of PermenPANRB 14/2017 (sample in its Lampiran).
 * Question codes equal the element codes U1-U9. Following D14 the element order is the
 * regulation's: U8 = complaints, U9 = facilities (the sample form prints those two the other way round).
 */

function four(id: [string, string, string, string], en: [string, string, string, string]) {
  return id.map((label, i) => ({ id: label, en: en[i] as string }));
}

const QUESTIONS: [string, string, string, [string, string, string, string], [string, string, string, string]][] = [
  [
    'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    'What is your opinion of how well the service requirements fit the type of service?',
    'sesuai',
    ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'],
  ],
  [
    'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    'How easy do you find the service procedure at this unit?',
    'mudah',
    ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    ['Not easy', 'Less easy', 'Easy', 'Very easy'],
  ],
  [
    'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    'What is your opinion of the speed of service?',
    'cepat',
    ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    ['Not fast', 'Less fast', 'Fast', 'Very fast'],
  ],
  [
    'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    'What is your opinion of the fairness of the service fees?',
    'biaya',
    ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    ['Very expensive', 'Fairly expensive', 'Cheap', 'Free'],
  ],
  [
    'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    'What is your opinion of the match between the service product in the service standard and what was delivered?',
    'sesuai',
    ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    ['Not appropriate', 'Less appropriate', 'Appropriate', 'Very appropriate'],
  ],
  [
    'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    'What is your opinion of the competence/ability of the staff?',
    'kompeten',
    ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    ['Not competent', 'Less competent', 'Competent', 'Very competent'],
  ],
  [
    'Bagamana pendapat saudara perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    'What is your opinion of staff conduct as to politeness and friendliness?',
    'sopan',
    ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    ['Not polite and friendly', 'Less polite and friendly', 'Polite and friendly', 'Very polite and friendly'],
  ],
  [
    'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    'What is your opinion of how complaints from service users are handled?',
    'pengaduan',
    ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    ['None', 'Exists but does not work', 'Works, but not fully', 'Well managed'],
  ],
  [
    'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    'What is your opinion of the quality of the facilities and infrastructure?',
    'kualitas',
    ['Buruk', 'Cukup', 'Baik', 'Sangat Baik'],
    ['Poor', 'Fair', 'Good', 'Very good'],
  ],
];

const optionSets = new Map<string, { code: string; labels: { id: string; en: string }[] }>();
for (const [, , set, id, en] of QUESTIONS) if (!optionSets.has(set)) optionSets.set(set, { code: set, labels: four(id, en) });

export const PERMENPAN_2017: ProfileJson = {
  code: 'permenpan-2017',
  version: 1,
  name: { id: 'Kuesioner SKM PermenPANRB 14/2017 (skala 4)', en: 'PermenPANRB 14/2017 SKM questionnaire (4-point)' },
  scaleMin: 1,
  scaleMax: 4,
  sections: [{ code: 'A', title: { id: 'Pendapat Responden tentang Pelayanan', en: "Respondent's opinion of the service" } }],
  optionSets: [...optionSets.values()],
  questions: QUESTIONS.map(([id, en, set], i) => ({ code: `U${i + 1}`, section: 'A', optionSet: set, text: { id, en } })),
  instruments: { skm: { elements: skmElements(QUESTIONS.map((_, i) => [`U${i + 1}`])) } },
  skmWeights: { mode: 'equal' },
  skmConversion: 'scale_max',
  perceptionConversion: 'ratio',
  ageBands: SKM_AGE_BANDS,
  respondentFields: RESPONDENT_FIELDS,
  requiresCaptcha: false,
};
