import type { ProfileJson } from '../profile.ts';
import { PERCEPTION_AGE_BANDS, RESPONDENT_FIELDS, SPAK_ELEMENT_NAMES, SPKP_ELEMENT_NAMES } from './common.ts';

/**
 * The standalone monthly SPKP/SPAK questionnaire on 4 points (DOMAIN §6.2). Question texts from
 * seed 002 lines 263-278 (Tabel 3); question codes equal the element codes U1-U8 and P1-P5.
 */

function four(id: [string, string, string, string], en: [string, string, string, string]) {
  return id.map((label, i) => ({ id: label, en: en[i] as string }));
}

const SPKP: [string, string, string][] = [
  [
    'Bagaimana penilaian Saudara mengenai kemudahan prosedur/alur pelayanan?',
    'How do you rate the ease of the service procedure/flow?',
    'mudah',
  ],
  [
    'Apakah menurut penilaian Saudara, waktu pelayanan dilaksanakan sesuai dengan ketentuan?',
    'In your assessment, are service hours kept as stipulated?',
    'sesuai',
  ],
  [
    'Bagaimana penilaian Saudara mengenai respon/kecepatan petugas atau aplikasi sistem dalam pelayanan?',
    'How do you rate the responsiveness/speed of staff or of the application system in the service?',
    'cepat',
  ],
  [
    'Bagaimana penilaian Saudara mengenai penanganan pengaduan pada unit layanan ini?',
    'How do you rate the handling of complaints at this service unit?',
    'baik',
  ],
  [
    'Bagaimana penilaian Saudara mengenai ketersediaan sarana prasarana pendukung pemberian pelayanan publik pada unit layanan ini?',
    'How do you rate the availability of facilities and infrastructure supporting public service at this unit?',
    'lengkap',
  ],
  [
    'Apakah persyaratan pelayanan yang diinformasikan sesuai dengan persyaratan yang ditetapkan unit layanan ini?',
    'Do the announced service requirements match those set by this service unit?',
    'sesuai',
  ],
  [
    'Apakah Informasi Pelayanan pada unit layanan ini tersedia melalui media elektronik maupun nonelektronik?',
    "Is this service unit's service information available through electronic and non-electronic media?",
    'setuju',
  ],
  [
    'Apakah Tarif/Biaya pelayanan yang dibayarkan pada unit layanan ini sesuai dengan tarif/biaya yang ditetapkan?',
    'Do the fees paid at this service unit match the fees set?',
    'sesuai',
  ],
];

const SPAK: [string, string][] = [
  ['Petugas memberikan layanan tanpa diskriminasi', 'Staff serve without discrimination'],
  [
    'Petugas memberikan pelayanan sesuai prosedur dan tanpa indikasi kecurangan',
    'Staff serve according to procedure and without any sign of fraud',
  ],
  [
    'Pelayanan yang diberikan tanpa praktik pemberian imbalan uang/barang',
    'The service is given without any practice of rewards in money or goods',
  ],
  ['Pelayanan pada unit ini tanpa praktik pungutan liar (pungli)', 'Service at this unit is free of illegal levies'],
  [
    'Pelayanan pada unit ini tanpa praktik percaloan/perantara/biro',
    'Service at this unit is free of brokering, intermediary or agency practices',
  ],
];

export const SPKP_SPAK_4: ProfileJson = {
  code: 'spkp-spak-4',
  version: 1,
  name: {
    id: 'Survei Persepsi Kualitas Pelayanan dan Anti Korupsi (skala 4)',
    en: 'Service-quality and anti-corruption perception survey (4-point)',
  },
  scaleMin: 1,
  scaleMax: 4,
  sections: [
    { code: 'A', title: { id: 'Kualitas Pelayanan Publik', en: 'Quality of public service' } },
    {
      code: 'B',
      title: { id: 'Persepsi Anti Korupsi', en: 'Anti-corruption perception' },
      prompt: { id: 'Apakah Saudara setuju dengan pernyataan ini ?', en: 'Do you agree with this statement?' },
    },
  ],
  optionSets: [
    {
      code: 'mudah',
      labels: four(['Tidak Mudah', 'Kurang Mudah', 'Mudah', 'Sangat Mudah'], ['Not easy', 'Less easy', 'Easy', 'Very easy']),
    },
    {
      code: 'sesuai',
      labels: four(
        ['Tidak Sesuai', 'Kurang Sesuai', 'Sesuai', 'Sangat Sesuai'],
        ['Inconsistent', 'Somewhat inconsistent', 'Consistent', 'Very consistent'],
      ),
    },
    {
      code: 'cepat',
      labels: four(['Tidak Cepat', 'Kurang Cepat', 'Cepat', 'Sangat Cepat'], ['Not fast', 'Less fast', 'Fast', 'Very fast']),
    },
    {
      code: 'baik',
      labels: four(['Tidak Baik', 'Kurang Baik', 'Baik', 'Sangat Baik'], ['Poor', 'Somewhat poor', 'Good', 'Very good']),
    },
    {
      code: 'lengkap',
      labels: four(
        ['Tidak Lengkap', 'Kurang Lengkap', 'Lengkap', 'Sangat Lengkap'],
        ['Incomplete', 'Somewhat incomplete', 'Complete', 'Very complete'],
      ),
    },
    {
      code: 'setuju',
      labels: four(
        ['Tidak Setuju', 'Kurang Setuju', 'Setuju', 'Sangat Setuju'],
        ['Disagree', 'Somewhat disagree', 'Agree', 'Strongly agree'],
      ),
    },
  ],
  questions: [
    ...SPKP.map(([id, en, set], i) => ({ code: `U${i + 1}`, section: 'A', optionSet: set, text: { id, en } })),
    ...SPAK.map(([id, en], i) => ({ code: `P${i + 1}`, section: 'B', optionSet: 'setuju', text: { id, en } })),
  ],
  instruments: {
    spkp: {
      elements: SPKP.map((_, i) => ({
        code: `U${i + 1}`,
        name: SPKP_ELEMENT_NAMES[i] as { id: string; en: string },
        questionCodes: [`U${i + 1}`],
      })),
    },
    spak: {
      elements: SPAK.map((_, i) => ({
        code: `P${i + 1}`,
        name: SPAK_ELEMENT_NAMES[i] as { id: string; en: string },
        questionCodes: [`P${i + 1}`],
      })),
    },
  },
  perceptionConversion: 'ratio',
  ageBands: PERCEPTION_AGE_BANDS,
  respondentFields: RESPONDENT_FIELDS,
  requiresCaptcha: false,
};
