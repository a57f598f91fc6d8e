/**
 * Laporan Monitoring dan Evaluasi Rencana Aksi/Tindak Lanjut Hasil SKM (DOMAIN 7.7; seed 001 for structure and
 * wording), composed as the neutral document tree. Pure: every figure arrives from the monitoring service
 * (Lampiran 1/2 data, already computed by the domain and formatted with `formatId`); nothing is counted here.
 */
import type { Block, Cell, ReportDocument } from '../../reports/document/document.ts';

export interface MeLampiran1Row {
  no: number;
  unitName: string;
  unitType: string;
  jr: number;
  jru: number;
  jra: number;
  closed: number;
  pctDisplay: string;
  keterangan: string;
}

export interface MeLampiran2Unit {
  no: number;
  unitName: string;
  recommendations: {
    number: number;
    text: string;
    responseStatus: string;
    actions: {
      heading: string;
      actionText: string;
      subActions: unknown[];
      timeline: string | null;
      statusLabel: string;
      note: string | null;
      updates: { date: string; text: string }[];
    }[];
  }[];
}

export interface MeReportInput {
  basisYear: number;
  cycle: {
    name: string;
    year: number;
    semester: number;
    assignmentLetterNo: string | null;
    /** Display date ("1 Agustus 2022"). */
    assignmentLetterDate: string | null;
    team: { name: string; role: string }[];
  };
  /** Display date of the data cutoff ("12 Agustus 2022"). */
  cutoff: string;
  lampiran1: {
    rows: MeLampiran1Row[];
    total: { jr: number; jru: number; jra: number; closed: number; pctDisplay: string; units: number };
    appreciation: { unitType: string; units: { name: string }[] }[];
    followUp: { unitType: string; units: { name: string }[] }[];
  };
  lampiran2: { units: MeLampiran2Unit[] };
  /** Recommendation texts in force (number → text). */
  recommendations: { number: number; text: string }[];
  /** BPOM-wide results of the basis year, when Mutu has them (section 2.A). */
  national: {
    index: string;
    target: string | null;
    achievementPct: string | null;
    grade: string | null;
    gradeLabel: string | null;
    respondents: number | null;
    elements: { code: string; name: string; value: string }[];
  } | null;
  /** A–D printed ranges of the grade table (PermenPANRB 14/2017). */
  gradeRanges: { code: string; label: string; range: string }[];
  signature: { place: string; date: string; position: string; name: string; nip: string | null };
}

const ROLE_LABEL: Record<string, string> = {
  penanggung_jawab: 'Penanggung Jawab',
  pengendali_teknis: 'Pengendali Teknis',
  ketua_tim: 'Ketua Tim',
  anggota: 'Anggota',
};
const ROLE_ORDER = ['penanggung_jawab', 'pengendali_teknis', 'ketua_tim', 'anggota'];
const ROMAN = ['', 'I', 'II'];

/** Part of the report: the whole document, or one Lampiran on its own (downloads from the Lampiran screen). */
export type MeReportPart = 'full' | 'lampiran1' | 'lampiran2';

export function meReportTitle(input: Pick<MeReportInput, 'basisYear' | 'cycle'>): string {
  return `Laporan Monitoring dan Evaluasi Rencana Aksi/Tindak Lanjut Hasil Survei Kepuasan Masyarakat Tahun ${input.basisYear}, Semester ${ROMAN[input.cycle.semester] ?? input.cycle.semester} Tahun ${input.cycle.year}`;
}

function typeCounts(rows: readonly MeLampiran1Row[]) {
  const n = (t: string) => rows.filter((r) => r.unitType === t).length;
  return { pusat: n('Pusat'), balai: n('Balai Besar POM') + n('Balai POM'), loka: n('Loka POM') };
}

/** Units grouped by type, numbered continuously like the seed's lists. */
function groupedList(groups: MeReportInput['lampiran1']['appreciation']): Block[] {
  const out: Block[] = [];
  let n = 0;
  for (const g of groups) {
    out.push({ kind: 'paragraph', content: [{ text: g.unitType, bold: true }] });
    out.push({ kind: 'list', items: g.units.map((u) => `${++n}. ${u.name}`) });
  }
  return out;
}

export function lampiran1Blocks(input: MeReportInput): Block[] {
  const { rows, total } = input.lampiran1;
  const head = (text: string, extra: Partial<Exclude<Cell, string>> = {}): Cell => ({
    content: text,
    bold: true,
    align: 'center',
    ...extra,
  });
  const sem = ROMAN[input.cycle.semester] ?? String(input.cycle.semester);
  return [
    { kind: 'heading', level: 1, text: 'Lampiran 1', toc: false },
    {
      kind: 'paragraph',
      align: 'center',
      content: [
        {
          text: `Matriks Ringkasan Pemantauan Rencana Aksi/Tindak Lanjut Atas Hasil Survei Kepuasan Masyarakat Tahun ${input.basisYear}`,
          bold: true,
        },
      ],
    },
    { kind: 'paragraph', align: 'center', content: `Semester ${sem} Tahun Anggaran ${input.cycle.year}` },
    { kind: 'paragraph', align: 'center', content: `Data Per ${input.cutoff}` },
    {
      kind: 'table',
      columns: [
        { width: 0.5, align: 'center' },
        { width: 4 },
        { width: 1.1, align: 'center' },
        { width: 1.1, align: 'center' },
        { width: 1.1, align: 'center' },
        { width: 1.1, align: 'center' },
        { width: 1.2, align: 'right' },
        { width: 4 },
      ],
      header: [
        [
          head('No', { rowSpan: 2 }),
          head('Unit Pelayanan', { rowSpan: 2 }),
          head('Jumlah Rekomendasi', { rowSpan: 2 }),
          head('Jumlah Rencana Aksi UPP', { rowSpan: 2 }),
          head('Jumlah Rencana Aksi', { rowSpan: 2 }),
          head('Status Rencana Aksi yang Sesuai Rekomendasi', { colSpan: 2 }),
          head('Keterangan Unsur Pelayanan pada Rencana Aksi yang Belum Sesuai', { rowSpan: 2 }),
        ],
        [head('Jumlah'), head('Persentase (%)')],
      ],
      body: [
        ...rows.map((r): Cell[] => [
          String(r.no),
          r.unitName,
          String(r.jr),
          String(r.jru),
          String(r.jra),
          String(r.closed),
          r.pctDisplay,
          r.keterangan,
        ]),
        [
          { content: 'Total', colSpan: 2, bold: true, align: 'center' },
          { content: String(total.jr), bold: true },
          { content: String(total.jru), bold: true },
          { content: String(total.jra), bold: true },
          { content: String(total.closed), bold: true },
          { content: total.pctDisplay, bold: true },
          '',
        ],
      ],
      dense: true,
    },
  ];
}

function actionCell(a: MeLampiran2Unit['recommendations'][number]['actions'][number]): string {
  const subs = (a.subActions as { label?: string; text?: string; timeline?: string }[])
    .map((s) => `${s.label ?? ''} ${s.text ?? ''}${s.timeline ? ` (${s.timeline})` : ''}`.trim())
    .filter(Boolean);
  return [a.heading, a.actionText, ...subs].filter(Boolean).join('\n');
}

export function lampiran2Blocks(input: MeReportInput): Block[] {
  const head = (text: string): Cell => ({ content: text, bold: true, align: 'center' });
  const body: Cell[][] = [];
  for (const u of input.lampiran2.units) {
    const unitRows = u.recommendations.reduce((n, r) => n + Math.max(1, r.actions.length), 0);
    if (unitRows === 0) continue;
    let firstOfUnit = true;
    for (const r of u.recommendations) {
      const recRows = Math.max(1, r.actions.length);
      const lead = (): Cell[] => {
        const cells: Cell[] = [];
        if (firstOfUnit) {
          cells.push({ content: String(u.no), rowSpan: unitRows, align: 'center' }, { content: u.unitName, rowSpan: unitRows });
          firstOfUnit = false;
        }
        cells.push({ content: String(r.number), rowSpan: recRows, align: 'center' }, { content: r.text, rowSpan: recRows });
        return cells;
      };
      if (r.actions.length === 0) {
        body.push([...lead(), 'Belum terdapat rencana aksi', '-', 'Open', 'Unit belum menyampaikan rencana aksi']);
        continue;
      }
      r.actions.forEach((a, i) => {
        const note = [a.note ?? '', ...a.updates.map((x) => `Update ${x.date}: ${x.text}`)].filter(Boolean).join('\n');
        body.push([...(i === 0 ? lead() : []), actionCell(a), a.timeline ?? '-', a.statusLabel, note || '-']);
      });
    }
  }
  const sem = ROMAN[input.cycle.semester] ?? String(input.cycle.semester);
  return [
    { kind: 'heading', level: 1, text: 'Lampiran 2', toc: false },
    {
      kind: 'paragraph',
      align: 'center',
      content: [
        {
          text: `Matriks Rincian Hasil Monitoring dan Evaluasi Rencana Aksi/Tindak Lanjut Atas Hasil Survei Kepuasan Masyarakat Tahun ${input.basisYear} Per Unit Pelayanan Publik`,
          bold: true,
        },
      ],
    },
    { kind: 'paragraph', align: 'center', content: `Semester ${sem} Tahun Anggaran ${input.cycle.year}` },
    { kind: 'paragraph', align: 'center', content: `Cutoff Data Per ${input.cutoff}` },
    {
      kind: 'table',
      columns: [
        { width: 0.5, align: 'center' },
        { width: 2.2 },
        { width: 0.9, align: 'center' },
        { width: 3 },
        { width: 5 },
        { width: 1.3 },
        { width: 1.1, align: 'center' },
        { width: 3 },
      ],
      header: [
        [
          head('No.'),
          head('Unit Pelayanan'),
          head('No. Rekomendasi'),
          head('Rekomendasi'),
          head('Rencana Aksi'),
          head('Timeline'),
          head('Status Rekomendasi'),
          head('Catatan'),
        ],
      ],
      body,
      dense: true,
    },
  ];
}

export function composeMeReport(input: MeReportInput, part: MeReportPart = 'full'): ReportDocument {
  const title = meReportTitle(input);
  const meta = { title, subject: input.cycle.name, author: 'Inspektorat Utama', language: 'id' as const };
  if (part === 'lampiran1') return { meta, pageNumbers: true, blocks: [{ kind: 'landscape', blocks: lampiran1Blocks(input) }] };
  if (part === 'lampiran2') return { meta, pageNumbers: true, blocks: [{ kind: 'landscape', blocks: lampiran2Blocks(input) }] };

  const Y = input.basisYear;
  const sem = ROMAN[input.cycle.semester] ?? String(input.cycle.semester);
  const { rows, total, appreciation, followUp } = input.lampiran1;
  const counts = typeCounts(rows);
  const apprCount = appreciation.reduce((n, g) => n + g.units.length, 0);
  const followCount = followUp.reduce((n, g) => n + g.units.length, 0);

  const national: Block[] = input.national
    ? [
        {
          kind: 'paragraph',
          align: 'justify',
          content:
            `Hasil Survei Kepuasan Masyarakat Badan POM Tahun ${Y}` +
            (input.national.respondents !== null ? ` dengan total ${input.national.respondents} responden` : '') +
            ` menghasilkan nilai Survei Kepuasan Masyarakat (SKM) terhadap penyelenggaraan pelayanan publik sebesar ${input.national.index}` +
            (input.national.target && input.national.achievementPct
              ? ` atau mencapai ${input.national.achievementPct}% dari target nilai yang telah ditetapkan sebesar ${input.national.target}`
              : '') +
            '.' +
            (input.national.grade
              ? ` Dengan demikian mutu pelayanan Badan POM mendapatkan kategori ${input.national.grade} (${input.national.gradeLabel}).`
              : '') +
            ' Nilai Survei Kepuasan Masyarakat per unsur pelayanan dapat dilihat pada tabel berikut:',
        },
        {
          kind: 'table',
          columns: [{ width: 1, align: 'center' }, { width: 5 }, { width: 1.5, align: 'right' }],
          header: [['Kode', 'Unsur Pelayanan', 'Nilai'].map((h) => ({ content: h, bold: true, align: 'center' as const }))],
          body: [
            ...input.national.elements.map((e): Cell[] => [e.code, e.name, e.value]),
            [
              { content: 'Nilai SKM', colSpan: 2, bold: true },
              { content: input.national.index, bold: true },
            ],
          ],
        },
      ]
    : [
        {
          kind: 'paragraph',
          align: 'justify',
          content: `Hasil Survei Kepuasan Masyarakat Badan POM Tahun ${Y} belum tersedia di Mutu; rekomendasi di bawah ini disusun dari hasil SKM tersebut.`,
        },
      ];

  const team = [...input.cycle.team].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const teamRows: Cell[][] = [];
  for (const role of ROLE_ORDER) {
    const members = team.filter((m) => m.role === role);
    members.forEach((m, i) => {
      teamRows.push([
        ...(i === 0 ? [{ content: ROLE_LABEL[role] ?? role, rowSpan: members.length } as Cell] : []),
        `${i + 1}. ${m.name}`,
      ]);
    });
  }

  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: '1. PENDAHULUAN', align: 'left' },
    {
      kind: 'paragraph',
      align: 'justify',
      content:
        'Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mengamanatkan kepada seluruh instansi pemerintah untuk melakukan Survei Kepuasan Masyarakat sebagai tolok ukur keberhasilan penyelenggaraan pelayanan. Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi telah menetapkan Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik sebagai acuan untuk mengevaluasi penyelenggaraan pelayanan publik sekaligus sebagai alat untuk meningkatkan kinerja pelayanan publik.',
    },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `Untuk mewujudkan upaya perbaikan kinerja layanan publik secara berkelanjutan, Badan Pengawas Obat dan Makanan telah melakukan Survei Kepuasan Masyarakat Tahun ${Y}. Dalam rangka menindaklanjuti hasil survei tersebut, disusun rencana aksi/tindak lanjut hasil survei kepuasan masyarakat. Selanjutnya, dilakukan monitoring dan evaluasi terhadap rencana aksi/tindak lanjut tersebut untuk mengetahui apakah pelaksanaan tindak lanjut sesuai dengan rencana serta keberhasilan dari upaya perbaikan kinerja layanan publik.`,
    },
    { kind: 'heading', level: 2, text: 'A. Dasar Hukum' },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Undang-Undang Republik Indonesia Nomor 25 Tahun 2009 tentang Pelayanan Publik',
        'Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik',
        'Standar Operasional Prosedur Makro Nomor POM-16.02/CFM.04/SOP.01 tentang Pengukuran Kepuasan Masyarakat',
      ],
    },
    { kind: 'heading', level: 2, text: 'B. Tujuan Pelaksanaan' },
    {
      kind: 'paragraph',
      content: `Monitoring dan evaluasi rencana aksi/tindak lanjut hasil Survei Kepuasan Masyarakat tahun ${Y} bertujuan untuk:`,
    },
    {
      kind: 'list',
      ordered: true,
      items: [
        'Mengetahui kesesuaian rencana aksi/tindak lanjut hasil survei dengan rekomendasi yang diberikan',
        'Mengetahui progres atas penerapan rencana aksi/tindak lanjut hasil survei',
        'Mengetahui taraf pencapaian rencana aksi/tindak lanjut, sehingga dapat diambil suatu keputusan atau kebijakan lebih lanjut mengenai rencana aksi/tindak lanjut tersebut',
      ],
    },
    { kind: 'heading', level: 1, text: '2. MONITORING DAN EVALUASI HASIL SURVEI KEPUASAN MASYARAKAT', align: 'left' },
    { kind: 'heading', level: 2, text: `A. Hasil Survei Kepuasan Masyarakat Tahun ${Y}` },
    ...national,
    { kind: 'paragraph', style: 'small', content: 'Rentang nilai sesuai PermenPAN RB Nomor 14 Tahun 2017:' },
    {
      kind: 'list',
      items: input.gradeRanges.map((g) => `Mutu Pelayanan ${g.code} (${g.label}; ${g.range})`),
    },
    { kind: 'heading', level: 2, text: `B. Rekomendasi atas Hasil Survei Kepuasan Masyarakat Tahun ${Y}` },
    { kind: 'list', items: input.recommendations.map((r) => `${r.number}. ${r.text}`) },
    { kind: 'heading', level: 2, text: 'C. Metodologi Monitoring dan Evaluasi Tindak Lanjut' },
    {
      kind: 'paragraph',
      align: 'justify',
      content:
        `1. Monitoring dan Evaluasi Tindak Lanjut Survei Kepuasan Masyarakat semester ${sem} Tahun ${input.cycle.year} dilakukan` +
        (input.cycle.assignmentLetterNo
          ? ` berdasarkan Surat Tugas Inspektur Utama Nomor ${input.cycle.assignmentLetterNo}${input.cycle.assignmentLetterDate ? ` tanggal ${input.cycle.assignmentLetterDate}` : ''}`
          : '') +
        (teamRows.length ? ', dengan susunan tim sebagai berikut:' : '.'),
    },
    ...(teamRows.length
      ? [
          {
            kind: 'table',
            columns: [{ width: 1.5 }, { width: 4 }],
            header: [
              [
                { content: 'Peran', bold: true },
                { content: 'Nama', bold: true },
              ],
            ],
            body: teamRows,
          } as Block,
        ]
      : []),
    {
      kind: 'paragraph',
      align: 'justify',
      content: `2. Monitoring dan evaluasi tindak lanjut dilakukan pada ${rows.length} unit kerja penyelenggara pelayanan publik dengan rincian ${counts.pusat} unit kerja di lingkungan Badan POM Pusat, ${counts.balai} Balai Besar/Balai POM, dan ${counts.loka} Loka Pengawas Obat dan Makanan yang telah disurvei pada tahun ${Y}.`,
    },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `3. Pelaksanaan monitoring dan evaluasi tindak lanjut berdasarkan data yang disampaikan melalui aplikasi Mutu, dengan cutoff data per tanggal ${input.cutoff}.`,
    },
    { kind: 'heading', level: 2, text: 'D. Hasil Monitoring dan Evaluasi' },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `Berdasarkan monitoring dan evaluasi per ${input.cutoff} atas Rencana Aksi/Tindak Lanjut (RATL) hasil SKM tahun ${Y}, telah terdapat ${total.closed} rencana aksi tindak lanjut yang telah sesuai rekomendasi, atau sebesar ${total.pctDisplay}% dari total ${total.jra} rencana aksi tindak lanjut yang disampaikan.`,
    },
    {
      kind: 'paragraph',
      align: 'justify',
      content: `Matriks ringkasan pemantauan rencana aksi tindak lanjut hasil Survei Kepuasan Masyarakat per Semester ${sem} Tahun ${input.cycle.year} per unit pelayanan publik dapat dilihat pada Lampiran 1. Sedangkan rincian hasil monitoring dan evaluasi rencana aksi/tindak lanjut hasil SKM per unit pelayanan publik disajikan pada Lampiran 2.`,
    },
    { kind: 'heading', level: 2, text: 'E. Apresiasi dan Saran' },
    {
      kind: 'paragraph',
      align: 'justify',
      content:
        apprCount > 0
          ? `Inspektorat Utama menyampaikan apresiasi kepada ${apprCount} Unit Pelayanan Publik yang telah 100% menindaklanjuti rencana aksi sesuai rekomendasi, yaitu:`
          : 'Belum terdapat Unit Pelayanan Publik yang telah 100% menindaklanjuti rencana aksi sesuai rekomendasi.',
    },
    ...groupedList(appreciation),
    ...(followCount > 0
      ? [
          {
            kind: 'paragraph',
            align: 'justify',
            content: `Serta terhadap ${followCount} UPP yang belum menindaklanjuti 100% rencana aksi sesuai rekomendasi, diharapkan dapat segera melakukan upaya percepatan pelaksanaan rencana aksi beserta menyampaikan data dukungnya sehingga pada monitoring dan evaluasi semester selanjutnya diharapkan telah dapat menindaklanjuti 100% sesuai saran. UPP tersebut adalah sebagai berikut:`,
          } as Block,
          ...groupedList(followUp),
        ]
      : []),
    {
      kind: 'signature',
      placeDate: `${input.signature.place}, ${input.signature.date}`,
      position: `Badan Pengawas Obat dan Makanan\n${input.signature.position},`,
      name: input.signature.name,
      ...(input.signature.nip ? { nip: input.signature.nip } : {}),
    },
    { kind: 'landscape', blocks: lampiran1Blocks(input) },
    { kind: 'landscape', blocks: lampiran2Blocks(input) },
  ];

  return {
    meta,
    header: 'Laporan Monitoring dan Evaluasi RTL Hasil SKM',
    pageNumbers: true,
    cover: [
      {
        kind: 'paragraph',
        style: 'title',
        content: `LAPORAN MONITORING DAN EVALUASI RENCANA AKSI/TINDAK LANJUT HASIL SURVEI KEPUASAN MASYARAKAT TAHUN ${Y}`,
      },
      { kind: 'spacer', lines: 4 },
      { kind: 'paragraph', style: 'subtitle', content: 'BADAN PENGAWAS OBAT DAN MAKANAN' },
      { kind: 'paragraph', style: 'subtitle', content: `SEMESTER ${sem} TAHUN ${input.cycle.year}` },
    ],
    blocks,
  };
}
