/**
 * Laporan Hasil Tindak Lanjut Pelaksanaan SKM of a unit for period P (DOMAIN 5.11, 5.13.2; template seed 000
 * lines 2524–2620). Pure composition: the completion % and the element values come formatted from the service
 * (`followUpPct` of the domain, published values), nothing is computed here.
 */
import type { Block, Cell, ReportDocument } from '../../reports/document/document.ts';

export interface FollowUpReportInput {
  period: number;
  reportYear: number;
  unitName: string;
  agencyName: string;
  /** Tabel 1: the unit's published element values of period P with their grade ("-" when Mutu has none). */
  elements: { no: number; name: string; value: string; grade: string }[];
  /** RTL grouped by priority element (Tabel 2 and BAB III numbering n.m). */
  priorities: {
    label: string;
    actions: {
      number: string;
      actionText: string;
      /** Quarter (1–4) of the timeline, or null when it has none. */
      quarter: number | null;
      timeline: string | null;
      pic: string;
      statusLabel: 'Sudah' | 'Belum';
      realisationText: string | null;
      documentation: string[];
      obstacles: string | null;
      strategy: { strategyText: string; targetDate: string | null; pic: string | null; stakeholders: string | null } | null;
    }[];
  }[];
  total: number;
  done: number;
  /** followUpPct formatted ("100,00"), or null (n/a) when the period had no RTL. */
  pctDisplay: string | null;
  signature: { place: string; date: string; position: string; name: string; nip: string | null };
}

const head = (text: string, extra: Partial<Exclude<Cell, string>> = {}): Cell => ({
  content: text,
  bold: true,
  align: 'center',
  ...extra,
});

export function composeFollowUpReport(input: FollowUpReportInput): ReportDocument {
  const P = input.period;
  const all = input.priorities.flatMap((p) => p.actions);
  const notDone = all.filter((a) => a.statusLabel === 'Belum');

  const table2: Cell[][] = [];
  input.priorities.forEach((p, i) => {
    p.actions.forEach((a, j) => {
      table2.push([
        ...(j === 0
          ? [
              { content: String(i + 1), rowSpan: p.actions.length, align: 'center' } as Cell,
              { content: p.label, rowSpan: p.actions.length } as Cell,
            ]
          : []),
        `${a.number} ${a.actionText}`,
        ...[1, 2, 3, 4].map((q): Cell => ({ content: a.quarter === q ? 'X' : '', align: 'center' })),
        a.pic,
      ]);
    });
  });

  const table3: Cell[][] = [];
  input.priorities.forEach((p, i) => {
    p.actions.forEach((a, j) => {
      table3.push([
        ...(j === 0 ? [{ content: String(i + 1), rowSpan: p.actions.length, align: 'center' } as Cell] : []),
        `${a.number} ${a.actionText}`,
        { content: a.statusLabel, align: 'center' },
        a.realisationText ?? '-',
        a.documentation.length ? a.documentation.join('\n') : '-',
        a.obstacles ?? '-',
      ]);
    });
  });

  const strategyRows: Cell[][] = notDone.map((a, i) => [
    String(i + 1),
    `${a.number} ${a.actionText}`,
    a.strategy?.strategyText ?? 'Belum diisi',
    a.strategy?.targetDate ?? '-',
    a.strategy?.pic ?? a.pic,
    a.strategy?.stakeholders ?? '-',
  ]);

  const conclusion1 =
    input.pctDisplay === null
      ? `${input.unitName} tidak memiliki rencana tindak lanjut periode ${P} yang dapat dihitung.`
      : `${input.unitName} telah menindaklanjuti rencana tindak lanjut sebanyak ${input.pctDisplay}% (${input.done} dari ${input.total} rencana tindak lanjut).`;

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: 'BAB I PENDAHULUAN' },
    { kind: 'heading', level: 2, text: 'Latar Belakang' },
    {
      kind: 'paragraph',
      align: 'justify',
      content:
        'Pelayanan publik yang berkualitas hanya dapat dicapai jika ekspektasi dan kebutuhan dari pengguna layanan diakomodir dalam proses penyediaan pelayanan. Hal ini sejalan dengan asas partisipatif dalam Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, yang selanjutnya diatur dalam Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik.',
    },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `Survei Kepuasan Masyarakat (SKM) diatur dalam Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. Untuk memastikan proses perbaikan berkelanjutan (continuous improvement), ${input.unitName} menyusun rencana tindak lanjut hasil SKM dan melaporkan hasil pelaksanaannya dalam laporan ini.`,
    },
    { kind: 'heading', level: 1, text: 'BAB II DESKRIPSI RENCANA TINDAK LANJUT', pageBreakBefore: true },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `Hasil survei kepuasan masyarakat oleh ${input.unitName} periode ${P} pada setiap unsur pelayanan dapat dilihat pada tabel di bawah ini:`,
    },
    {
      kind: 'table',
      caption: `Tabel 1. Ringkasan Hasil SKM Periode ${P}`,
      columns: [{ width: 0.6, align: 'center' }, { width: 5 }, { width: 1.3, align: 'right' }, { width: 1.6, align: 'center' }],
      header: [[head('No'), head('Unsur'), head('IKM'), head('Mutu Layanan')]],
      body: input.elements.map((e) => [String(e.no), e.name, e.value, e.grade]),
    },
    {
      kind: 'paragraph',
      align: 'justify',
      content:
        'Untuk memastikan rencana tindak lanjut dapat diimplementasikan dengan baik, disusun skala prioritas perbaikan unsur, dimulai dari unsur dengan nilai terendah. Kerangka rencana tindak lanjut dapat terlihat pada tabel di bawah ini:',
    },
    {
      kind: 'table',
      caption: 'Tabel 2. Rencana Tindak Lanjut Pelaksanaan SKM',
      columns: [
        { width: 0.6, align: 'center' },
        { width: 2.2 },
        { width: 5 },
        { width: 0.7 },
        { width: 0.7 },
        { width: 0.7 },
        { width: 0.7 },
        { width: 2 },
      ],
      header: [
        [
          head('No', { rowSpan: 2 }),
          head('Prioritas Unsur', { rowSpan: 2 }),
          head('Program/Kegiatan', { rowSpan: 2 }),
          head('Waktu', { colSpan: 4 }),
          head('Penanggung Jawab', { rowSpan: 2 }),
        ],
        [head('TW 1'), head('TW 2'), head('TW 3'), head('TW 4')],
      ],
      body: table2.length ? table2 : [[{ content: 'Tidak ada rencana tindak lanjut', colSpan: 8, align: 'center' }]],
    },
    { kind: 'heading', level: 1, text: 'BAB III REALISASI RENCANA TINDAK LANJUT', pageBreakBefore: true },
    {
      kind: 'paragraph',
      content:
        'Berdasarkan rencana tindak lanjut yang telah disusun, implementasi yang telah dilaksanakan adalah sebagai berikut:',
    },
    {
      kind: 'table',
      caption: 'Tabel 3. Realisasi Rencana Tindak Lanjut',
      columns: [{ width: 0.6, align: 'center' }, { width: 3.5 }, { width: 1.6 }, { width: 3.5 }, { width: 2.4 }, { width: 2.4 }],
      header: [
        [
          head('No'),
          head('Rencana Tindak Lanjut'),
          head('Apakah RTL Telah Ditindaklanjuti (Sudah/Belum)'),
          head('Deskripsi Tindak Lanjut'),
          head('Dokumentasi Kegiatan'),
          head('Tantangan/Hambatan'),
        ],
      ],
      body: table3.length ? table3 : [[{ content: 'Tidak ada rencana tindak lanjut', colSpan: 6, align: 'center' }]],
      dense: true,
    },
    { kind: 'heading', level: 1, text: 'BAB IV KESIMPULAN', pageBreakBefore: true },
    {
      kind: 'paragraph',
      content: 'Berdasarkan data-data dalam pelaksanaan tindak lanjut tersebut, dapat ditarik beberapa kesimpulan yaitu:',
    },
    { kind: 'paragraph', align: 'justify', content: `1. ${conclusion1}` },
    ...(notDone.length
      ? ([
          {
            kind: 'paragraph',
            content: '2. Masih terdapat rencana tindak lanjut yang belum ditindaklanjuti karena beberapa alasan, yaitu:',
          },
          {
            kind: 'list',
            items: notDone.map((a) => `${a.number} ${a.actionText}: ${a.obstacles ?? 'alasan belum diisi'}`),
          },
          {
            kind: 'paragraph',
            align: 'justify',
            content:
              '3. Guna memastikan RTL tetap terimplementasi, disusun strategi untuk mengatasi permasalahan yang ada dan mendorong diimplementasikannya RTL, antara lain:',
          },
          {
            kind: 'table',
            caption: 'Tabel 4. Strategi Penyelesaian RTL',
            columns: [
              { width: 0.6, align: 'center' },
              { width: 3 },
              { width: 3.5 },
              { width: 1.6 },
              { width: 1.8 },
              { width: 2 },
            ],
            header: [
              [
                head('No'),
                head('RTL'),
                head('Strategi Penyelesaian'),
                head('Target Waktu Penyelesaian'),
                head('Penanggung Jawab'),
                head('Stakeholder Terkait'),
              ],
            ],
            body: strategyRows,
            dense: true,
          },
        ] as Block[])
      : [{ kind: 'paragraph', content: '2. Seluruh rencana tindak lanjut telah ditindaklanjuti.' } as Block]),
    {
      kind: 'signature',
      placeDate: `${input.signature.place}, ${input.signature.date}`,
      position: input.signature.position,
      name: input.signature.name,
      ...(input.signature.nip ? { nip: input.signature.nip } : {}),
    },
  ];

  return {
    meta: {
      title: `Laporan Hasil Tindak Lanjut Pelaksanaan Survei Kepuasan Masyarakat Periode ${P}`,
      subject: input.unitName,
      author: input.unitName,
      language: 'id',
    },
    header: `Laporan Hasil Tindak Lanjut SKM Periode ${P}`,
    pageNumbers: true,
    cover: [
      { kind: 'paragraph', style: 'title', content: 'Laporan Hasil Tindak Lanjut Pelaksanaan Survei Kepuasan Masyarakat' },
      { kind: 'paragraph', style: 'subtitle', content: `Periode ${P}` },
      { kind: 'spacer', lines: 6 },
      { kind: 'paragraph', style: 'subtitle', content: input.unitName },
      { kind: 'paragraph', style: 'subtitle', content: input.agencyName },
      { kind: 'paragraph', style: 'subtitle', content: String(input.reportYear) },
    ],
    blocks,
  };
}
