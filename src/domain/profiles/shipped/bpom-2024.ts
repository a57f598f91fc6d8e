import type { ProfileJson } from '../profile.ts';
import {
  PERCEPTION_AGE_BANDS,
  RESPONDENT_FIELDS,
  SKM_AGE_BANDS,
  SPAK_ELEMENT_NAMES,
  SPKP_ELEMENT_NAMES,
  skmElements,
} from './common.ts';

/**
 * BPOM's integrated 2024 form (DOMAIN §5.2.3-5.2.4): 6-point scale, A1-A14 and B1-B5.
 * Question texts verbatim from seed 000 lines 401-593 (B5 from seed 002 line 278); score 1 is the
 * first (most negative) label, 6 the last.
 */

function six(id: [string, string, string, string, string, string], en: [string, string, string, string, string, string]) {
  return id.map((label, i) => ({ id: label, en: en[i] as string }));
}

export const BPOM_2024: ProfileJson = {
  code: 'bpom-2024',
  version: 1,
  name: {
    id: 'Kuesioner Terintegrasi SKM, SPKP dan SPAK BPOM 2024',
    en: 'BPOM 2024 integrated SKM, SPKP and SPAK questionnaire',
  },
  scaleMin: 1,
  scaleMax: 6,
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
      labels: six(
        ['Sangat Tidak Mudah', 'Tidak Mudah', 'Kurang Mudah', 'Cukup Mudah', 'Mudah', 'Sangat Mudah'],
        ['Very difficult', 'Difficult', 'Somewhat difficult', 'Fairly easy', 'Easy', 'Very easy'],
      ),
    },
    {
      code: 'sesuai',
      labels: six(
        ['Sangat Tidak Sesuai', 'Tidak Sesuai', 'Kurang Sesuai', 'Cukup Sesuai', 'Sesuai', 'Sangat Sesuai'],
        ['Very inconsistent', 'Inconsistent', 'Somewhat inconsistent', 'Fairly consistent', 'Consistent', 'Very consistent'],
      ),
    },
    {
      code: 'cepat',
      labels: six(
        ['Sangat Lambat', 'Lambat', 'Kurang Cepat', 'Cukup Cepat', 'Cepat', 'Sangat Cepat'],
        ['Very slow', 'Slow', 'Somewhat slow', 'Fairly fast', 'Fast', 'Very fast'],
      ),
    },
    {
      code: 'jelas',
      labels: six(
        ['Sangat Tidak Jelas', 'Tidak Jelas', 'Kurang Jelas', 'Cukup Jelas', 'Jelas', 'Sangat Jelas'],
        ['Very unclear', 'Unclear', 'Somewhat unclear', 'Fairly clear', 'Clear', 'Very clear'],
      ),
    },
    {
      code: 'memadai',
      labels: six(
        ['Sangat Tidak Memadai', 'Tidak Memadai', 'Kurang Memadai', 'Cukup Memadai', 'Memadai', 'Sangat Memadai'],
        ['Very inadequate', 'Inadequate', 'Somewhat inadequate', 'Fairly adequate', 'Adequate', 'Very adequate'],
      ),
    },
    {
      code: 'setuju',
      labels: six(
        ['Sangat Tidak Setuju', 'Tidak Setuju', 'Kurang Setuju', 'Cukup Setuju', 'Setuju', 'Sangat Setuju'],
        ['Strongly disagree', 'Disagree', 'Somewhat disagree', 'Somewhat agree', 'Agree', 'Strongly agree'],
      ),
    },
    {
      code: 'baik',
      labels: six(
        ['Sangat Tidak Baik', 'Tidak Baik', 'Kurang Baik', 'Cukup Baik', 'Baik', 'Sangat Baik'],
        ['Very poor', 'Poor', 'Somewhat poor', 'Fairly good', 'Good', 'Very good'],
      ),
    },
    {
      code: 'lengkap',
      labels: six(
        ['Sangat Tidak Lengkap', 'Tidak Lengkap', 'Kurang Lengkap', 'Cukup Lengkap', 'Lengkap', 'Sangat Lengkap'],
        ['Very incomplete', 'Incomplete', 'Somewhat incomplete', 'Fairly complete', 'Complete', 'Very complete'],
      ),
    },
  ],
  questions: [
    {
      code: 'A1',
      section: 'A',
      optionSet: 'mudah',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai kemudahan pemenuhan persyaratan pelayanan ?',
        en: 'How do you rate the ease of meeting the service requirements?',
      },
    },
    {
      code: 'A2',
      section: 'A',
      optionSet: 'mudah',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai kemudahan prosedur/alur pelayanan ?',
        en: 'How do you rate the ease of the service procedure/flow?',
      },
    },
    {
      code: 'A3',
      section: 'A',
      optionSet: 'sesuai',
      text: {
        id: 'Apakah menurut penilaian Saudara, waktu pelayanan dilaksanakan sesuai dengan ketentuan ?',
        en: 'In your assessment, are service hours kept as stipulated?',
      },
    },
    {
      code: 'A4',
      section: 'A',
      optionSet: 'sesuai',
      text: {
        id: 'Apakah menurut penilaian Saudara jangka waktu penyelesaian pelayanan dilaksanakan sesuai dengan ketentuan ?',
        en: 'In your assessment, is the service completed within the stipulated time?',
      },
    },
    {
      code: 'A5',
      section: 'A',
      optionSet: 'cepat',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai respon/kecepatan petugas atau aplikasi sistem dalam pelayanan ?',
        en: 'How do you rate the responsiveness/speed of staff or of the application system in the service?',
      },
    },
    {
      code: 'A6',
      section: 'A',
      optionSet: 'jelas',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai kejelasan informasi tentang biaya pelayanan ?',
        en: 'How do you rate the clarity of information about service fees?',
      },
    },
    {
      code: 'A7',
      section: 'A',
      optionSet: 'sesuai',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai kesesuaian produk/jasa layanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan ?',
        en: 'How do you rate the match between the service product stated in the service standard and what was delivered?',
      },
    },
    {
      code: 'A8',
      section: 'A',
      optionSet: 'memadai',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai kompetensi petugas dalam pelayanan ?',
        en: 'How do you rate the competence of the staff in the service?',
      },
    },
    {
      code: 'A9',
      section: 'A',
      optionSet: 'setuju',
      text: {
        id: 'Apakah menurut penilaian Saudara, petugas sopan dan mampu berkomunikasi dengan baik (tulisan atau verbal) ?',
        en: 'In your assessment, are staff polite and able to communicate well (in writing or verbally)?',
      },
    },
    {
      code: 'A10',
      section: 'A',
      optionSet: 'baik',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai penanganan pengaduan pada unit layanan ini ?',
        en: 'How do you rate the handling of complaints at this service unit?',
      },
    },
    {
      code: 'A11',
      section: 'A',
      optionSet: 'lengkap',
      text: {
        id: 'Bagaimana penilaian Saudara mengenai ketersediaan sarana prasarana pendukung pemberian pelayanan publik pada unit layanan ini ?',
        en: 'How do you rate the availability of facilities and infrastructure supporting public service at this unit?',
      },
    },
    {
      code: 'A12',
      section: 'A',
      optionSet: 'sesuai',
      text: {
        id: 'Apakah menurut penilaian saudara, persyaratan pelayanan yang diinformasikan sesuai dengan yang ditetapkan unit layanan ini ?',
        en: 'In your assessment, do the announced service requirements match those set by this service unit?',
      },
    },
    {
      code: 'A13',
      section: 'A',
      optionSet: 'setuju',
      text: {
        id: 'Apakah menurut penilaian saudara, Informasi Pelayanan pada unit layanan ini telah tersedia melalui media elektronik maupun non elektronik ?',
        en: "In your assessment, is this service unit's service information available through electronic and non-electronic media?",
      },
    },
    {
      code: 'A14',
      section: 'A',
      optionSet: 'sesuai',
      text: {
        id: 'Apakah menurut penilaian saudara, tarif/biaya pelayanan yang dibayarkan pada unit layanan ini sesuai dengan yang ditetapkan ?',
        en: 'In your assessment, do the fees paid at this service unit match the fees set?',
      },
    },
    {
      code: 'B1',
      section: 'B',
      optionSet: 'setuju',
      text: { id: 'Petugas memberikan layanan tanpa diskriminasi', en: 'Staff serve without discrimination' },
    },
    {
      code: 'B2',
      section: 'B',
      optionSet: 'setuju',
      text: {
        id: 'Petugas memberikan pelayanan sesuai prosedur dan tanpa indikasi kecurangan',
        en: 'Staff serve according to procedure and without any sign of fraud',
      },
    },
    {
      code: 'B3',
      section: 'B',
      optionSet: 'setuju',
      text: {
        id: 'Pelayanan yang diberikan tanpa praktik pemberian imbalan uang/barang',
        en: 'The service is given without any practice of rewards in money or goods',
      },
    },
    {
      code: 'B4',
      section: 'B',
      optionSet: 'setuju',
      text: {
        id: 'Pelayanan pada unit ini tanpa praktik pungutan liar (pungli)',
        en: 'Service at this unit is free of illegal levies',
      },
    },
    {
      code: 'B5',
      section: 'B',
      optionSet: 'setuju',
      text: {
        id: 'Pelayanan pada unit ini tanpa praktik percaloan/perantara/biro',
        en: 'Service at this unit is free of brokering, intermediary or agency practices',
      },
    },
  ],
  instruments: {
    skm: { elements: skmElements([['A1'], ['A2'], ['A3', 'A4', 'A5'], ['A6'], ['A7'], ['A8'], ['A9'], ['A10'], ['A11']]) },
    spkp: {
      elements: ['A2', 'A3', 'A5', 'A10', 'A11', 'A12', 'A13', 'A14'].map((q, i) => ({
        code: `U${i + 1}`,
        name: SPKP_ELEMENT_NAMES[i] as { id: string; en: string },
        questionCodes: [q],
      })),
    },
    spak: {
      elements: ['B1', 'B2', 'B3', 'B4', 'B5'].map((q, i) => ({
        code: `P${i + 1}`,
        name: SPAK_ELEMENT_NAMES[i] as { id: string; en: string },
        questionCodes: [q],
      })),
    },
  },
  skmWeights: { mode: 'equal' },
  skmConversion: 'scale_max',
  perceptionConversion: 'ratio',
  ageBands: SKM_AGE_BANDS,
  perceptionAgeBands: PERCEPTION_AGE_BANDS,
  respondentFields: RESPONDENT_FIELDS,
  requiresCaptcha: true,
};
