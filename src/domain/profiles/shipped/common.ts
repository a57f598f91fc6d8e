import type { ProfileJson } from '../profile.ts';

/** Shared pieces of the shipped profiles (DOMAIN §5.2.2, §5.2.5, §5.9). */

type Fields = NonNullable<ProfileJson['respondentFields']>;
type AgeBands = ProfileJson['ageBands'];
type Element = NonNullable<ProfileJson['instruments']['skm']>['elements'][number];

/** DOMAIN §5.2.2: step 1 "RESPONDEN – Keterangan Identitas" and step 2 "PELAYANAN – Jenis Layanan". */
export const RESPONDENT_FIELDS: Fields = [
  { code: 'fullName', label: { id: 'Nama Lengkap', en: 'Full name' }, type: 'text', required: true, personal: true, step: 1 },
  { code: 'age', label: { id: 'Umur', en: 'Age' }, type: 'integer', required: true, min: 10, max: 99, step: 1 },
  {
    code: 'sex',
    label: { id: 'Jenis Kelamin', en: 'Sex' },
    type: 'choice',
    required: true,
    step: 1,
    options: [
      { code: 'laki_laki', label: { id: 'Laki-laki', en: 'Male' } },
      { code: 'perempuan', label: { id: 'Perempuan', en: 'Female' } },
    ],
  },
  { code: 'phone', label: { id: 'No. HP', en: 'Mobile phone no.' }, type: 'text', required: true, personal: true, step: 1 },
  {
    code: 'education',
    label: { id: 'Pendidikan Terakhir', en: 'Highest education' },
    type: 'choice',
    required: true,
    step: 1,
    options: [
      { code: 'sma_or_below', label: { id: '≤ SMA/Sederajat', en: 'Senior high school or below' } },
      { code: 'd1_d3', label: { id: 'D1/D2/D3', en: 'Diploma (D1/D2/D3)' } },
      { code: 'd4_s1', label: { id: 'D4/S1', en: "Bachelor's degree (D4/S1)" } },
      { code: 's2_s3', label: { id: 'S2/Profesi/S3', en: "Master's, professional or doctoral degree" } },
    ],
  },
  {
    code: 'occupation',
    label: { id: 'Pekerjaan Utama', en: 'Main occupation' },
    type: 'choice',
    required: true,
    step: 1,
    options: [
      { code: 'pns_tni_polri', label: { id: 'PNS/TNI/Polri', en: 'Civil servant / military / police' } },
      { code: 'pegawai_swasta', label: { id: 'Pegawai swasta', en: 'Private-sector employee' } },
      { code: 'wiraswasta', label: { id: 'Wiraswasta', en: 'Self-employed' } },
      { code: 'ppjk', label: { id: 'Perusahaan Pengurusan Jasa Kepabeanan', en: 'Customs brokerage company' } },
      { code: 'pelajar_mahasiswa', label: { id: 'Pelajar/mahasiswa', en: 'Student' } },
      { code: 'pegawai_bumn_bumd', label: { id: 'Pegawai BUMN/D', en: 'State- or region-owned enterprise employee' } },
      { code: 'lainnya', label: { id: 'Lainnya', en: 'Other' } },
    ],
  },
  {
    code: 'institution',
    label: {
      id: 'Nama instansi/perusahaan tempat bekerja/beraktivitas',
      en: 'Institution or company where you work or are active',
    },
    type: 'text',
    required: true,
    personal: true,
    step: 1,
  },
  {
    code: 'unitServiceId',
    label: { id: 'Jenis pelayanan yang diterima', en: 'Service received' },
    type: 'service',
    required: true,
    step: 2,
  },
  {
    code: 'completionPct',
    label: { id: 'Presentase tahapan penyelesaian', en: 'Completion of the service process (%)' },
    type: 'integer',
    required: true,
    min: 0,
    max: 100,
    step: 2,
  },
  {
    code: 'suggestion',
    label: {
      id: 'Saran & Masukan (Silahkan isi kolom dibawah ini)',
      en: 'Suggestions and feedback (please fill in the box below)',
    },
    type: 'textarea',
    required: false,
    step: 5,
  },
];

/** DOMAIN §5.9: SKM report age bands. */
export const SKM_AGE_BANDS: AgeBands = [
  { code: 'le25', label: { id: '≤ 25 Tahun', en: '≤ 25 years' }, max: 25 },
  { code: '26_30', label: { id: '26 – 30 Tahun', en: '26 – 30 years' }, min: 26, max: 30 },
  { code: '31_35', label: { id: '31 – 35 Tahun', en: '31 – 35 years' }, min: 31, max: 35 },
  { code: '36_40', label: { id: '36 – 40 Tahun', en: '36 – 40 years' }, min: 36, max: 40 },
  { code: 'ge41', label: { id: '≥ 41 Tahun', en: '≥ 41 years' }, min: 41 },
];

/** DOMAIN §6.9: the SPKP/SPAK monthly report uses 5-year bands ("25 – 29 tahun"). */
export const PERCEPTION_AGE_BANDS: AgeBands = [
  { code: 'lt20', label: { id: '< 20 tahun', en: '< 20 years' }, max: 19 },
  ...[20, 25, 30, 35, 40, 45, 50, 55].map((lo) => ({
    code: `${lo}_${lo + 4}`,
    label: { id: `${lo} – ${lo + 4} tahun`, en: `${lo} – ${lo + 4} years` },
    min: lo,
    max: lo + 4,
  })),
  { code: 'ge60', label: { id: '≥ 60 tahun', en: '≥ 60 years' }, min: 60 },
];

/** DOMAIN §5.2.4-5.2.5: the nine SKM elements (PermenPANRB 14/2017 order: U8 complaints, U9 facilities). */
export function skmElements(questions: readonly (readonly string[])[]): Element[] {
  const defs: Omit<Element, 'questionCodes'>[] = [
    {
      code: 'U1',
      name: { id: 'Persyaratan', en: 'Requirements' },
      definition: {
        id: 'Syarat yang harus dipenuhi dalam pengurusan suatu jenis pelayanan, baik persyaratan teknis maupun administratif.',
        en: 'The technical and administrative requirements to be met for a service.',
      },
    },
    {
      code: 'U2',
      name: { id: 'Sistem, Mekanisme, dan Prosedur', en: 'Systems, mechanisms and procedures' },
      definition: {
        id: 'Tata cara pelayanan yang dibakukan bagi pemberi dan penerima pelayanan, termasuk pengaduan.',
        en: 'The standard service procedure for provider and recipient, including complaints.',
      },
    },
    {
      code: 'U3',
      name: { id: 'Waktu Penyelesaian', en: 'Completion time' },
      definition: {
        id: 'Jangka waktu yang diperlukan untuk menyelesaikan seluruh proses pelayanan dari setiap jenis pelayanan.',
        en: 'The time needed to complete the whole service process.',
      },
    },
    {
      code: 'U4',
      name: { id: 'Biaya/Tarif', en: 'Fees/tariffs' },
      definition: {
        id: 'Ongkos yang dikenakan kepada penerima layanan dalam mengurus dan/atau memperoleh pelayanan dari penyelenggara yang besarnya ditetapkan berdasarkan kesepakatan antara penyelenggara dan masyarakat.',
        en: 'The fee charged to the recipient for a service, set by agreement between provider and public.',
      },
    },
    {
      code: 'U5',
      name: { id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service product specification' },
      definition: {
        id: 'Hasil pelayanan yang diberikan dan diterima sesuai dengan ketentuan yang telah ditetapkan.',
        en: 'The service output delivered and received as specified.',
      },
    },
    {
      code: 'U6',
      name: { id: 'Kompetensi Pelaksana', en: 'Staff competence' },
      definition: {
        id: 'Kemampuan yang harus dimiliki oleh pelaksana meliputi pengetahuan, keahlian, keterampilan, dan pengalaman.',
        en: 'The knowledge, expertise, skills and experience staff must have.',
      },
    },
    {
      code: 'U7',
      name: { id: 'Perilaku Pelaksana', en: 'Staff conduct' },
      definition: { id: 'Sikap petugas dalam memberikan pelayanan.', en: 'The attitude of staff when serving.' },
    },
    {
      code: 'U8',
      name: { id: 'Penanganan Pengaduan, Saran, dan Masukan', en: 'Handling of complaints, suggestions and feedback' },
      definition: {
        id: 'Tata cara pelaksanaan penanganan pengaduan dan tindak lanjut.',
        en: 'How complaints are handled and followed up.',
      },
    },
    {
      code: 'U9',
      name: { id: 'Sarana dan Prasarana', en: 'Facilities and infrastructure' },
      definition: {
        id: 'Segala sesuatu yang dapat dipakai sebagai alat dalam mencapai maksud dan tujuan (sarana, benda bergerak) dan penunjang utama terselenggaranya suatu proses (prasarana, benda tidak bergerak).',
        en: 'Movable facilities and immovable infrastructure that support the service.',
      },
    },
  ];
  return defs.map((d, i) => ({ ...d, questionCodes: [...(questions[i] ?? [])] }));
}

/** DOMAIN §5.2.4 (D16): SPKP and SPAK element names, shared by bpom-2024 and spkp-spak-4. */
export const SPKP_ELEMENT_NAMES: Element['name'][] = [
  { id: 'Prosedur/alur pelayanan', en: 'Service procedure/flow' },
  { id: 'Waktu pelayanan', en: 'Service time' },
  { id: 'Respon/kecepatan pelayanan', en: 'Responsiveness/speed of service' },
  { id: 'Penanganan pengaduan', en: 'Complaint handling' },
  { id: 'Sarana prasarana pelayanan', en: 'Service facilities and infrastructure' },
  { id: 'Kesesuaian informasi dengan ketetapan layanan', en: 'Information consistent with the service rules' },
  { id: 'Penyebaran informasi pelayanan', en: 'Dissemination of service information' },
  { id: 'Tarif/Biaya pelayanan', en: 'Service fees' },
];

export const SPAK_ELEMENT_NAMES: Element['name'][] = [
  { id: 'Diskriminasi', en: 'Discrimination' },
  { id: 'Kecurangan', en: 'Fraud' },
  { id: 'Gratifikasi', en: 'Gratuities' },
  { id: 'Pungutan liar (pungli)', en: 'Illegal levies' },
  { id: 'Praktik percaloan/perantara/biro', en: 'Brokering/intermediary/agency practices' },
];
