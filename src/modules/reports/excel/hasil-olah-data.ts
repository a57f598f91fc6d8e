/**
 * "Hasil Olah Data SKM" (DOMAIN 5.13.1, Lampiran 2) as a workbook an auditor can follow: the counted
 * responses, then the seed's "Perhitungan Nilai SKM" written as live Excel formulas over those
 * response cells, expressing exactly DOMAIN 5.7:
 *
 *   S_q = SUM(answers of q)   n_q = COUNT(answers of q)   NRR_q = S_q / n_q
 *   NRR_e = AVERAGE(NRR_q of e's questions)   W_e = NRR_e × w_e (w_e written as =1/9)
 *   T = SUM(W_e)   IKM = T × 100/m   (m = the profile's scale maximum: ×25 for 1–4, ×100/6 for 1–6)
 *
 * Blank answers are skipped by SUM and COUNT exactly as the domain skips them. Nothing is cached in
 * the file: the spreadsheet computes every value itself (and Excel recalculates on opening).
 * Pure: data in, bytes out.
 */
import type ExcelJS from 'exceljs';
import { type InstrumentProfile, instrumentElements, instrumentQuestionCodes } from '../../../domain/profiles/profile.ts';
import type { Locale } from '../../../shared/i18n/index.ts';

export interface HodResponse {
  seqNo: number;
  serviceId: string;
  /** ISO instant. */
  submittedAt: string;
  /** Already masked when the reader may not see it. */
  fullName: string | null;
  phone: string | null;
  institution: string | null;
  age: number | null;
  sex: string | null;
  education: string | null;
  occupation: string | null;
  completionPct: number | null;
  answers: Readonly<Record<string, number | null | undefined>>;
  suggestion: string | null;
}

export interface HodGrade {
  code: string;
  label: string;
}

export interface HasilOlahDataInput {
  locale: Locale;
  year: number;
  unitName: string;
  /** IANA zone of the unit (survey dates are printed in local time). */
  timeZone: string;
  profile: InstrumentProfile;
  masked: boolean;
  /** Services in report order, with the grade Mutu gives them (printed beside the computed IKM). */
  services: { id: string; name: string; grade: HodGrade | null }[];
  unitGrade: HodGrade | null;
  /** Counted responses only. */
  responses: readonly HodResponse[];
}

/** Where the formula cells of one calculation block are (tests read the recalculated values there). */
export interface CalcLayout {
  sheet: string;
  questions: { code: string; count: string; sum: string; nrr: string }[];
  elements: { code: string; weight: string; weighted: string; value: string }[];
  total: string;
  ikm: string;
}

export interface HasilOlahDataWorkbook {
  buffer: Buffer;
  unit: CalcLayout | null;
  services: (CalcLayout & { serviceId: string })[];
}

const TEXT = {
  id: {
    dataSheet: 'Data Responden',
    calcSheet: 'Perhitungan Nilai SKM',
    servicePrefix: 'L',
    title: 'HASIL OLAH DATA SKM',
    calcTitle: 'PERHITUNGAN NILAI SKM',
    year: 'Tahun',
    unit: 'Unit Kerja',
    service: 'Jenis Layanan',
    masked: 'Data pribadi disamarkan sesuai peran pengguna.',
    internal: 'Hanya untuk penggunaan internal.',
    none: 'Belum ada responden yang dihitung.',
    head: [
      'No',
      'Layanan',
      'Tanggal Survei',
      'Nama',
      'Usia',
      'Jenis Kelamin',
      'No. Handphone',
      'Pendidikan',
      'Pekerjaan',
      'Nama instansi/perusahaan tempat bekerja/beraktivitas',
      'Presentase tahapan penyelesaian (%)',
    ],
    suggestion: 'Saran',
    element: 'Unsur',
    question: 'Pertanyaan',
    count: 'Jumlah Kuesioner',
    sum: 'Jumlah Nilai Perunsur',
    nrr: 'NRR Per Unsur',
    weight: 'Bobot',
    weighted: 'NRR tertimbang',
    value: 'Nilai Unsur (skala 100)',
    total: 'Jumlah NRR IKM tertimbang',
    ikm: 'Nilai IKM',
    grade: 'Mutu Pelayanan',
    source:
      'Rumus: NRR = Jumlah Nilai / Jumlah Kuesioner; NRR tertimbang = rata-rata NRR pertanyaan unsur × bobot; Nilai IKM = Jumlah NRR tertimbang × 100 / skala maksimum',
  },
  en: {
    dataSheet: 'Respondents',
    calcSheet: 'SKM Index Calculation',
    servicePrefix: 'S',
    title: 'SKM PROCESSED DATA',
    calcTitle: 'SKM INDEX CALCULATION',
    year: 'Year',
    unit: 'Unit',
    service: 'Service',
    masked: 'Personal data masked for your role.',
    internal: 'Internal use only.',
    none: 'No counted respondents yet.',
    head: [
      'No',
      'Service',
      'Survey date',
      'Name',
      'Age',
      'Sex',
      'Mobile',
      'Education',
      'Occupation',
      'Institution',
      'Service completion (%)',
    ],
    suggestion: 'Suggestion',
    element: 'Element',
    question: 'Question',
    count: 'Questionnaires',
    sum: 'Sum of scores',
    nrr: 'Mean per question (NRR)',
    weight: 'Weight',
    weighted: 'Weighted NRR',
    value: 'Element value (0–100)',
    total: 'Sum of weighted NRR',
    ikm: 'IKM',
    grade: 'Grade',
    source:
      'Formulas: NRR = sum / count; weighted NRR = mean NRR of the element’s questions × weight; IKM = sum of weighted NRR × 100 / scale maximum',
  },
} as const;

/** A1 column letters (1 → A). */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
const addr = (col: number, row: number) => `${colLetter(col)}${row}`;
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique within the book. */
function sheetName(raw: string, used: Set<string>): string {
  const base = raw
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .trim();
  let name = base || 'Sheet';
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

function localDateTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };

interface Plan {
  questionCodes: string[];
  elements: { code: string; questionCodes: readonly string[]; weight: string }[];
  /** `×25` for a 1–4 scale, `×100/6` for 1–6: IKM = T × 100 / m. */
  conversion: string;
}

function planOf(profile: InstrumentProfile): Plan {
  const questionCodes = instrumentQuestionCodes(profile, 'skm');
  const elements = instrumentElements(profile, 'skm').map((e, i) => {
    const w = profile.skmElementWeights[i]?.weight;
    if (!w) throw new Error(`Profile ${profile.code}: missing weight for ${e.code}`);
    return { code: e.code, questionCodes: e.questionCodes, weight: w.den === 1n ? `${w.num}` : `${w.num}/${w.den}` };
  });
  const m = profile.scaleMax;
  return { questionCodes, elements, conversion: 100 % m === 0 ? `*${100 / m}` : `*100/${m}` };
}

/** The header rows over the answer columns: element codes (merged over their questions), then question numbers. */
function answerHeaders(ws: ExcelJS.Worksheet, plan: Plan, row: number, firstCol: number): void {
  let col = firstCol;
  for (const e of plan.elements) {
    const c = ws.getCell(row, col);
    c.value = e.code;
    if (e.questionCodes.length > 1) ws.mergeCells(row, col, row, col + e.questionCodes.length - 1);
    col += e.questionCodes.length;
  }
  plan.questionCodes.forEach((_, i) => {
    ws.getCell(row + 1, firstCol + i).value = i + 1;
  });
}

function styleHeader(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, fromCol: number, toCol: number): void {
  for (let r = fromRow; r <= toRow; r++)
    for (let c = fromCol; c <= toCol; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
}

/**
 * The calculation block at `top` of `ws`: one column per question starting at column B, formulas over
 * the answer cells `answerRange(q)` (a range in this or another sheet).
 */
function calcBlock(
  ws: ExcelJS.Worksheet,
  plan: Plan,
  t: (typeof TEXT)[Locale],
  top: number,
  answerRange: (questionIndex: number) => string,
  grade: HodGrade | null,
): CalcLayout {
  const first = 2;
  const last = first + plan.questionCodes.length - 1;
  ws.getCell(top, 1).value = t.calcTitle;
  ws.getCell(top, 1).font = { bold: true, size: 12 };
  const r = {
    element: top + 1,
    question: top + 2,
    count: top + 3,
    sum: top + 4,
    nrr: top + 5,
    weight: top + 6,
    weighted: top + 7,
    value: top + 8,
    total: top + 9,
    ikm: top + 10,
    grade: top + 11,
  };
  const labels: [number, string][] = [
    [r.element, t.element],
    [r.question, t.question],
    [r.count, t.count],
    [r.sum, t.sum],
    [r.nrr, t.nrr],
    [r.weight, t.weight],
    [r.weighted, t.weighted],
    [r.value, t.value],
    [r.total, t.total],
    [r.ikm, t.ikm],
    [r.grade, t.grade],
  ];
  for (const [row, label] of labels) {
    const c = ws.getCell(row, 1);
    c.value = label;
    c.font = { bold: true };
    c.border = BORDER;
  }
  answerHeaders(ws, plan, r.element, first);
  styleHeader(ws, r.element, r.question, 1, last);
  const questions: CalcLayout['questions'] = plan.questionCodes.map((code, i) => {
    const col = first + i;
    const range = answerRange(i);
    ws.getCell(r.count, col).value = { formula: `COUNT(${range})` } as ExcelJS.CellFormulaValue;
    ws.getCell(r.sum, col).value = { formula: `SUM(${range})` } as ExcelJS.CellFormulaValue;
    ws.getCell(r.nrr, col).value = { formula: `${addr(col, r.sum)}/${addr(col, r.count)}` } as ExcelJS.CellFormulaValue;
    ws.getCell(r.nrr, col).numFmt = '0.00';
    return { code, count: addr(col, r.count), sum: addr(col, r.sum), nrr: addr(col, r.nrr) };
  });
  const elements: CalcLayout['elements'] = [];
  let col = first;
  for (const e of plan.elements) {
    const span = e.questionCodes.length;
    const nrrs = span === 1 ? addr(col, r.nrr) : `AVERAGE(${addr(col, r.nrr)}:${addr(col + span - 1, r.nrr)})`;
    const weight = addr(col, r.weight);
    ws.getCell(r.weight, col).value = { formula: e.weight } as ExcelJS.CellFormulaValue;
    ws.getCell(r.weight, col).numFmt = '0.0000';
    ws.getCell(r.weighted, col).value = { formula: `${nrrs}*${weight}` } as ExcelJS.CellFormulaValue;
    ws.getCell(r.weighted, col).numFmt = '0.00';
    ws.getCell(r.value, col).value = { formula: `${nrrs}${plan.conversion}` } as ExcelJS.CellFormulaValue;
    ws.getCell(r.value, col).numFmt = '0.00';
    if (span > 1) for (const row of [r.weight, r.weighted, r.value]) ws.mergeCells(row, col, row, col + span - 1);
    elements.push({ code: e.code, weight, weighted: addr(col, r.weighted), value: addr(col, r.value) });
    col += span;
  }
  ws.getCell(r.total, first).value = {
    formula: `SUM(${addr(first, r.weighted)}:${addr(last, r.weighted)})`,
  } as ExcelJS.CellFormulaValue;
  ws.getCell(r.total, first).numFmt = '0.00';
  ws.getCell(r.ikm, first).value = { formula: `${addr(first, r.total)}${plan.conversion}` } as ExcelJS.CellFormulaValue;
  ws.getCell(r.ikm, first).numFmt = '0.00';
  ws.getCell(r.ikm, first).font = { bold: true };
  ws.getCell(r.grade, first).value = grade ? `${grade.code} (${grade.label})` : '–';
  for (const row of [r.total, r.ikm, r.grade]) ws.mergeCells(row, first, row, last);
  for (let row = r.count; row <= r.grade; row++)
    for (let c = first; c <= last; c++) {
      const cell = ws.getCell(row, c);
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center' };
    }
  ws.getCell(r.grade + 1, 1).value = t.source;
  ws.getCell(r.grade + 1, 1).font = { italic: true, size: 9 };
  return { sheet: ws.name, questions, elements, total: addr(first, r.total), ikm: addr(first, r.ikm) };
}

export async function buildHasilOlahData(input: HasilOlahDataInput): Promise<HasilOlahDataWorkbook> {
  const { profile, locale } = input;
  const t = TEXT[locale];
  const plan = planOf(profile);
  // Loaded on first use: exceljs costs start-up time for every process otherwise.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Mutu';
  wb.calcProperties.fullCalcOnLoad = true;
  const used = new Set<string>();
  const option = (field: string, code: string | null) => {
    if (code === null) return '';
    const o = profile.respondentFields.find((f) => f.code === field)?.options?.find((x) => x.code === code);
    return o ? o.label[locale] : code;
  };
  const serviceName = new Map(input.services.map((s) => [s.id, s.name]));
  const responses = [...input.responses].sort((a, b) => a.seqNo - b.seqNo);

  // 1. Counted responses, as the seed's "Rekap data responden".
  const data = wb.addWorksheet(sheetName(t.dataSheet, used));
  data.getCell('A1').value = t.title;
  data.getCell('A1').font = { bold: true, size: 12 };
  data.getCell('A2').value = `${t.year}\t: ${input.year}`;
  data.getCell('A3').value = `${t.unit}\t: ${input.unitName}`;
  data.getCell('A4').value = input.masked ? `${t.internal} ${t.masked}` : t.internal;
  const headTop = 6;
  const firstAnswer = t.head.length + 1;
  const lastAnswer = firstAnswer + plan.questionCodes.length - 1;
  t.head.forEach((h, i) => {
    data.getCell(headTop, i + 1).value = h;
    data.mergeCells(headTop, i + 1, headTop + 1, i + 1);
  });
  answerHeaders(data, plan, headTop, firstAnswer);
  data.getCell(headTop, lastAnswer + 1).value = t.suggestion;
  data.mergeCells(headTop, lastAnswer + 1, headTop + 1, lastAnswer + 1);
  styleHeader(data, headTop, headTop + 1, 1, lastAnswer + 1);
  const firstData = headTop + 2;
  responses.forEach((resp, i) => {
    data.getRow(firstData + i).values = [
      i + 1,
      serviceName.get(resp.serviceId) ?? '',
      localDateTime(resp.submittedAt, input.timeZone),
      resp.fullName ?? '',
      resp.age ?? '',
      option('sex', resp.sex),
      resp.phone ?? '',
      option('education', resp.education),
      option('occupation', resp.occupation),
      resp.institution ?? '',
      resp.completionPct ?? '',
      ...plan.questionCodes.map((q) => resp.answers[q] ?? null),
      resp.suggestion ?? '',
    ];
  });
  const lastData = firstData + responses.length - 1;
  for (let c = 1; c <= lastAnswer + 1; c++)
    data.getColumn(c).width = c === 2 ? 40 : c === 10 ? 30 : c > lastAnswer ? 60 : c >= firstAnswer ? 5 : 14;
  data.views = [{ state: 'frozen', ySplit: headTop + 1 }];

  // 2. The unit's calculation, over every counted response (pooled, D4).
  const calc = wb.addWorksheet(sheetName(t.calcSheet, used));
  calc.getCell('A1').value = `${t.year}\t: ${input.year}`;
  calc.getCell('A2').value = `${t.unit}\t: ${input.unitName}`;
  calc.getColumn(1).width = 30;
  let unit: CalcLayout | null = null;
  if (responses.length) {
    const dataRef = quoteSheet(data.name);
    unit = calcBlock(
      calc,
      plan,
      t,
      4,
      (q) => `${dataRef}!${addr(firstAnswer + q, firstData)}:${addr(firstAnswer + q, lastData)}`,
      input.unitGrade,
    );
  } else calc.getCell('A4').value = t.none;

  // 3. One sheet per service: its responses and its own calculation.
  const services: HasilOlahDataWorkbook['services'] = [];
  input.services.forEach((s, k) => {
    const ws = wb.addWorksheet(sheetName(`${t.servicePrefix}${k + 1} ${s.name}`, used));
    ws.getCell('A1').value = `${t.service}\t: ${s.name}`;
    ws.getCell('A1').font = { bold: true };
    ws.getCell('A2').value = `${t.year}\t: ${input.year}`;
    ws.getCell('A3').value = `${t.unit}\t: ${input.unitName}`;
    ws.getColumn(1).width = 30;
    const rows = responses.filter((r) => r.serviceId === s.id);
    const top = 5;
    ws.getCell(top, 1).value = t.head[0];
    ws.mergeCells(top, 1, top + 1, 1);
    answerHeaders(ws, plan, top, 2);
    const dateCol = plan.questionCodes.length + 2;
    ws.getCell(top, dateCol).value = t.head[2];
    ws.mergeCells(top, dateCol, top + 1, dateCol);
    styleHeader(ws, top, top + 1, 1, dateCol);
    ws.getColumn(dateCol).width = 18;
    rows.forEach((resp, i) => {
      ws.getRow(top + 2 + i).values = [
        i + 1,
        ...plan.questionCodes.map((q) => resp.answers[q] ?? null),
        localDateTime(resp.submittedAt, input.timeZone),
      ];
    });
    if (!rows.length) {
      ws.getCell(top + 2, 1).value = t.none;
      return;
    }
    const from = top + 2;
    const to = from + rows.length - 1;
    const layout = calcBlock(ws, plan, t, to + 2, (q) => `${addr(2 + q, from)}:${addr(2 + q, to)}`, s.grade);
    services.push({ ...layout, serviceId: s.id });
  });

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, unit, services };
}
