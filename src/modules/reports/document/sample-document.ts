/**
 * A synthetic report using every block kind, for the renderer tests and the benchmark (no real
 * people: names and NIPs are placeholders). `chapters` repeats the body to reach a realistic length
 * (about 8 pages per chapter).
 */
import { elementValuesOption, ikmTrendOption, profileBarOption, profilePieOption } from '../../../shared/charts/skm-charts.ts';
import type { Block, Cell, ReportDocument } from './document.ts';

const ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const ELEMENT_VALUES = [91.5, 88.25, 90.75, 87.0, 92.33, 86.1, 89.4, 93.67, 85.05];
const id2 = (x: number) => x.toFixed(2).replace('.', ',');

function chapter(n: number): Block[] {
  const services = Array.from({ length: 14 }, (_, i) => `Layanan ${n}.${i + 1} Pengujian Sampel Obat dan Makanan`);
  const matrix: Cell[][] = services.map((s, i) => [
    String(i + 1),
    s,
    ...ELEMENT_VALUES.map((v) => id2(v - i * 0.37)),
    { content: id2(89.12 - i * 0.21), bold: true, align: 'right' },
    { content: 'A', fill: '#1b6e34', align: 'center' },
  ]);
  return [
    { kind: 'heading', level: 1, text: `BAB ${n} HASIL PENGUKURAN`, pageBreakBefore: true },
    { kind: 'heading', level: 2, text: `${n}.1 Profil Responden` },
    {
      kind: 'paragraph',
      content: [
        'Jumlah responden yang dihitung adalah ',
        { text: '1.234', bold: true },
        ' orang dengan nilai IKM ',
        { text: '91,50', bold: true },
        ' (mutu pelayanan ',
        { text: 'A', italic: true },
        '). Penjelasan panjang untuk menguji perataan dan pemenggalan baris: Pengukuran Survei Kepuasan Masyarakat dilaksanakan sesuai Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017.',
      ],
    },
    {
      kind: 'table',
      caption: `Tabel ${n}.1 Profil Responden Berdasarkan Jenis Kelamin`,
      columns: [{ width: 1, align: 'center' }, { width: 4 }, { width: 2, align: 'right' }, { width: 2, align: 'right' }],
      header: [['No', 'Jenis Kelamin', 'Jumlah', 'Persentase (%)']],
      body: [
        ['1', 'Laki-laki', '514', '41,65'],
        ['2', 'Perempuan', '720', '58,35'],
        [
          { content: 'Jumlah', colSpan: 2, bold: true },
          { content: '1.234', bold: true },
          { content: '100,00', bold: true },
        ],
      ],
      note: 'Sumber: data diolah',
    },
    {
      kind: 'chart',
      option: profilePieOption({
        title: 'Jenis Kelamin',
        rows: [
          { code: 'L', label: 'Laki-laki', count: 514, pctDisplay: '41,65' },
          { code: 'P', label: 'Perempuan', count: 720, pctDisplay: '58,35' },
        ],
        locale: 'id',
      }),
      width: 480,
      height: 280,
      caption: `Gambar ${n}.1 Responden Berdasarkan Jenis Kelamin`,
    },
    {
      kind: 'chart',
      option: profileBarOption({
        title: 'Pendidikan',
        rows: [
          { code: 'SD', label: 'SD', count: 12, pctDisplay: '0,97' },
          { code: 'SMP', label: 'SMP', count: 80, pctDisplay: '6,48' },
          { code: 'SMA', label: 'SMA', count: 402, pctDisplay: '32,58' },
          { code: 'D3', label: 'D1-D3-D4', count: 140, pctDisplay: '11,35' },
          { code: 'S1', label: 'S1', count: 500, pctDisplay: '40,52' },
          { code: 'S2', label: 'S2 ke atas', count: 100, pctDisplay: '8,10' },
        ],
        locale: 'id',
      }),
      width: 480,
      height: 260,
      caption: `Gambar ${n}.2 Responden Berdasarkan Pendidikan`,
    },
    { kind: 'heading', level: 2, text: `${n}.2 Indeks Kepuasan Masyarakat per Jenis Layanan` },
    {
      kind: 'table',
      caption: `Tabel ${n}.2 Nilai Unsur Pelayanan (U1–U9) per Jenis Layanan`,
      dense: true,
      columns: [
        { width: 0.6, align: 'center' },
        { width: 5 },
        ...ELEMENTS.map(() => ({ width: 1.1, align: 'right' as const })),
        { width: 1.3, align: 'right' },
        { width: 0.9, align: 'center' },
      ],
      header: [
        [
          { content: 'No', rowSpan: 2 },
          { content: 'Jenis Layanan', rowSpan: 2 },
          { content: 'Nilai Unsur Pelayanan', colSpan: 9 },
          { content: 'IKM', rowSpan: 2 },
          { content: 'Mutu', rowSpan: 2 },
        ],
        ELEMENTS,
      ],
      body: matrix,
    },
    {
      kind: 'chart',
      option: elementValuesOption({
        elements: ELEMENTS.map((code, i) => ({
          code,
          value: ELEMENT_VALUES[i] ?? 0,
          display: id2(ELEMENT_VALUES[i] ?? 0),
          grade: (ELEMENT_VALUES[i] ?? 0) >= 88.31 ? 'A' : 'B',
        })),
        locale: 'id',
      }),
      width: 520,
      height: 300,
      caption: `Gambar ${n}.3 Nilai Unsur Pelayanan`,
    },
    { kind: 'heading', level: 3, text: `${n}.2.1 Unsur dengan nilai terendah` },
    {
      kind: 'list',
      ordered: true,
      items: ['U9 Penanganan pengaduan: 85,05', 'U6 Kompetensi pelaksana: 86,10', 'U4 Biaya/tarif: 87,00'],
    },
    { kind: 'list', items: ['Saran: perpanjang jam layanan', [{ text: 'Catatan: ', bold: true }, 'antrian daring']] },
    {
      kind: 'landscape',
      blocks: [
        { kind: 'heading', level: 2, text: `${n}.3 Matriks Rencana Tindak Lanjut` },
        {
          kind: 'table',
          caption: `Tabel ${n}.3 Rencana Tindak Lanjut`,
          columns: [
            { width: 0.5, align: 'center' },
            { width: 2 },
            { width: 3 },
            { width: 2 },
            { width: 1.2 },
            { width: 1.2 },
            { width: 1.5 },
          ],
          header: [['No', 'Unsur', 'Rencana Tindak Lanjut', 'Penanggung Jawab', 'Mulai', 'Selesai', 'Status']],
          body: Array.from({ length: 6 }, (_, i) => [
            String(i + 1),
            `U${9 - i} Unsur pelayanan`,
            'Menyusun standar operasional prosedur penanganan pengaduan yang lebih cepat dan terdokumentasi, DenganKataYangSangatPanjangSekaliTanpaSpasiUntukMengujiPemenggalan',
            'Kepala Seksi Pelayanan',
            '01-07-2024',
            '30-09-2024',
            { content: 'Berjalan', fill: '#fff3cd' },
          ]),
        },
      ],
    },
    {
      kind: 'chart',
      option: ikmTrendOption({
        points: [
          { year: 2021, value: 85.12, display: '85,12', grade: 'B' },
          { year: 2022, value: 88.4, display: '88,40', grade: 'A' },
          { year: 2023, value: 90.1, display: '90,10', grade: 'A' },
          { year: 2024, value: 91.5, display: '91,50', grade: 'A' },
        ],
        target: { value: 88, display: '88,00' },
        locale: 'id',
      }),
      width: 480,
      height: 260,
      caption: `Gambar ${n}.4 Tren IKM`,
    },
    { kind: 'spacer', lines: 1 },
    {
      kind: 'paragraph',
      style: 'small',
      content: 'Catatan kecil: angka ditampilkan dalam format Indonesia (koma desimal, titik ribuan).',
    },
  ];
}

export function sampleDocument(opts: { chapters?: number } = {}): ReportDocument {
  const chapters = opts.chapters ?? 1;
  const body: Block[] = [
    { kind: 'toc', title: 'DAFTAR ISI' },
    { kind: 'heading', level: 1, text: 'SURAT PERNYATAAN KEBENARAN DATA', pageBreakBefore: true, toc: false },
    {
      kind: 'fields',
      rows: [
        ['Nama', 'Nama Kepala Balai'],
        ['NIP', '197001012000031001'],
        ['Jabatan', 'Plt. Kepala Loka POM di Kota Contoh'],
      ],
    },
    {
      kind: 'paragraph',
      content: 'Menyatakan bahwa data Survei Kepuasan Masyarakat tahun 2024 yang disampaikan adalah benar.',
    },
    {
      kind: 'signature',
      placeDate: 'Kota Contoh, 15 Januari 2025',
      position: 'Plt. Kepala Loka POM di Kota Contoh',
      name: 'Nama Kepala Balai',
      nip: '197001012000031001',
      note: 'Plt.',
    },
    { kind: 'heading', level: 1, text: 'BAB I PENDAHULUAN', pageBreakBefore: true },
    { kind: 'heading', level: 2, text: '1.1 Latar Belakang' },
    {
      kind: 'paragraph',
      content:
        'Pelayanan publik yang berkualitas merupakan hak masyarakat. Nilai IKM unit sebesar 91,50 dengan interval kepercayaan 95% antara 90,87 dan 92,13.',
    },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: '1.2 Dasar Hukum' },
    {
      kind: 'image',
      svg: '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><rect x="1" y="1" width="198" height="58" fill="#e8edf3" stroke="#0b4f8a"/><text x="100" y="36" font-size="16" text-anchor="middle" fill="#0b4f8a">Logo contoh</text></svg>',
      width: 200,
      height: 60,
      caption: 'Gambar 1.1 Contoh gambar SVG',
    },
  ];
  for (let n = 2; n < 2 + chapters; n++) body.push(...chapter(n));
  return {
    meta: { title: 'Laporan Pelaksanaan SKM 2024', subject: 'Survei Kepuasan Masyarakat', language: 'id' },
    header: 'Laporan SKM 2024 · Loka POM di Kota Contoh',
    pageNumbers: true,
    cover: [
      { kind: 'spacer', lines: 6 },
      { kind: 'paragraph', style: 'title', content: 'LAPORAN PELAKSANAAN SURVEI KEPUASAN MASYARAKAT' },
      { kind: 'paragraph', style: 'subtitle', content: 'TAHUN 2024' },
      { kind: 'spacer', lines: 4 },
      { kind: 'paragraph', style: 'subtitle', content: 'LOKA POM DI KOTA CONTOH' },
      { kind: 'paragraph', style: 'subtitle', content: 'BADAN PENGAWAS OBAT DAN MAKANAN' },
    ],
    blocks: body,
  };
}
