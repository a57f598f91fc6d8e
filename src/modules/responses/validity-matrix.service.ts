import ExcelJS from 'exceljs';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type InstrumentProfile, instrumentElements } from '../../domain/profiles/profile.ts';
import { shippedProfile } from '../../domain/profiles/shipped-profiles.ts';
import { notFound } from '../../http/app-error.ts';
import { maskInstitution, maskName, maskPhone } from '../../shared/crypto/masking.ts';
import type { PersonalDataCrypto } from '../../shared/crypto/personal-data.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { renderPdf } from '../../shared/pdf/pdfmake.ts';
import { holdsRoleFor, requireUnitRead } from '../auth/access.ts';
import { type Actor, hasRole } from '../auth/actor.ts';
import type { Signatory } from '../organisation/organisation.schema.ts';
import type { ServiceContext } from '../service-context.ts';
import { reasonLabel } from './cleansing.service.ts';
import { formatLocalDateTime, localDay } from './paper-entry.dates.ts';
import * as repo from './validity-matrix.repository.ts';

/**
 * The validity matrix (DOMAIN 5.6, seed 000 lines 2177–2200): one row per invalid response of the
 * unit, columns a–x, `No.` = the response's seqNo unchanged, "Hasil Evaluasi" = the reason label, or a
 * NIHIL body. Exported as XLSX and as an A4 landscape PDF, signed by the unit head on record.
 */

/** DOMAIN §3: respondent personal data are for the unit's operators and head, the coordinator and the inspectorate. */
export function canSeePersonal(actor: Actor, unitId: string): boolean {
  return (
    holdsRoleFor(actor, 'unit_operator', unitId) ||
    holdsRoleFor(actor, 'unit_head', unitId) ||
    hasRole(actor, 'skm_coordinator', 'inspectorate')
  );
}

export interface MatrixColumnGroup {
  /** Element code shown above its question columns (U3 spans three). */
  element: string;
  questionCodes: string[];
}

export interface ValidityMatrix {
  campaignName: string;
  year: number;
  unitName: string;
  city: string | null;
  date: string;
  groups: MatrixColumnGroup[];
  /** a, b, c, …: one letter per column. */
  letters: string[];
  rows: string[][];
  signatory: Signatory | null;
}

const LEADING_HEADERS = [
  'No.',
  'Layanan',
  'Tanggal Survei',
  'Nama',
  'Usia',
  'Jenis Kelamin',
  'No. Handphone',
  'Pendidikan',
  'Pekerjaan',
  'Nama Instansi',
  'Persentase tahapan penyelesaian (%)',
];
const TRAILING_HEADERS = ['Saran', 'Hasil Evaluasi'];

const columnLetter = (i: number): string =>
  i < 26 ? String.fromCharCode(97 + i) : `${columnLetter(Math.floor(i / 26) - 1)}${columnLetter(i % 26)}`;

function optionLabel(profile: InstrumentProfile, field: string, code: string | null): string {
  if (code === null) return '';
  const f = profile.respondentFields.find((x) => x.code === field);
  return f?.options?.find((o) => o.code === code)?.label.id ?? code;
}

export function createValidityMatrixService(
  ctx: ServiceContext,
  deps: {
    crypto: () => PersonalDataCrypto;
    signatoryOn: (unitId: string, date: string) => Promise<Signatory | null>;
  },
) {
  async function build(actor: Actor, campaignId: string, unitId: string): Promise<ValidityMatrix> {
    await requireUnitRead(ctx.db, actor, unitId);
    const cu = await repo.campaignAndUnit(ctx.db, campaignId, unitId);
    if (!cu) throw notFound('Kampanye survei');
    const profile = shippedProfile(cu.profile_code);
    if (!profile) throw new Error(`Unknown profile ${cu.profile_code}`);
    const groups = instrumentElements(profile, 'skm').map((e) => ({ element: e.code, questionCodes: [...e.questionCodes] }));
    const questionCodes = groups.flatMap((g) => g.questionCodes);
    const [responses, reasons] = await Promise.all([
      repo.invalidResponses(ctx.db, campaignId, unitId),
      repo.activeReasons(ctx.db, campaignId, unitId),
    ]);
    const reasonOf = new Map(reasons.map((r) => [r.response_id, r]));
    const personal = canSeePersonal(actor, unitId);
    const pd = deps.crypto();
    const reveal = (enc: string | null, context: string, mask: (v: string | null) => string): string => {
      const plain = pd.decryptOptional(enc, context);
      if (plain === null) return '';
      return personal ? plain : mask(plain);
    };
    const rows = responses.map((r) => {
      const answers = JSON.parse(r.answers_json) as Record<string, number | undefined>;
      const why = reasonOf.get(r.id);
      return [
        String(r.seq_no),
        r.service_name,
        formatLocalDateTime(r.submitted_at, cu.time_zone),
        reveal(r.full_name_enc, 'full_name', maskName),
        r.age === null ? '' : String(r.age),
        optionLabel(profile, 'sex', r.sex),
        reveal(r.phone_enc, 'phone', maskPhone),
        optionLabel(profile, 'education', r.education),
        optionLabel(profile, 'occupation', r.occupation),
        reveal(r.institution_enc, 'institution', maskInstitution),
        r.completion_pct === null ? '' : String(r.completion_pct),
        ...questionCodes.map((q) => (answers[q] === undefined ? '' : String(answers[q]))),
        r.suggestion ?? '-',
        why ? `${reasonLabel(why.reason)}${why.note ? `: ${why.note}` : ''}` : '',
      ];
    });
    const date = localDay(ctx.clock.now().getTime(), cu.time_zone);
    const columns = LEADING_HEADERS.length + questionCodes.length + TRAILING_HEADERS.length;
    return {
      campaignName: cu.campaign_name,
      year: cu.year,
      unitName: cu.unit_name,
      city: cu.city,
      date,
      groups,
      letters: Array.from({ length: columns }, (_, i) => columnLetter(i)),
      rows,
      signatory: await deps.signatoryOn(unitId, date),
    };
  }

  async function xlsx(actor: Actor, campaignId: string, unitId: string, locale: Locale): Promise<Buffer> {
    return matrixXlsx(await build(actor, campaignId, unitId), locale);
  }

  async function pdf(actor: Actor, campaignId: string, unitId: string, locale: Locale): Promise<Buffer> {
    return renderPdf(matrixPdfDefinition(await build(actor, campaignId, unitId), locale));
  }

  return { build, xlsx, pdf };
}

/** Footer note of the form, with the application's name in place of "…". */
const notes = (locale: Locale) => [t(locale, 'matrix.note1'), t(locale, 'matrix.note2')];

const signatureLines = (m: ValidityMatrix, locale: Locale): string[] => [
  m.signatory?.title ?? t(locale, 'matrix.noSignatory'),
  '',
  t(locale, 'matrix.signed'),
  '',
  m.signatory?.fullName ?? '',
  m.signatory?.nip ? `NIP ${m.signatory.nip}` : '',
];

export async function matrixXlsx(m: ValidityMatrix, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutu';
  const ws = wb.addWorksheet('Matriks Validitas', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const n = m.letters.length;
  const lead = LEADING_HEADERS.length;
  const qCount = m.groups.reduce((s, g) => s + g.questionCodes.length, 0);
  ws.addRow([t('id', 'matrix.title')]).font = { bold: true, size: 12 };
  ws.addRow([`${t('id', 'matrix.unit')}: ${m.unitName}`]);
  ws.addRow([m.campaignName]);
  ws.addRow([]);
  // Header: texts (row h1), question numbers under the U columns (h2), column letters (h3).
  const h1 = ws.addRow([
    ...LEADING_HEADERS,
    ...m.groups.flatMap((g) => g.questionCodes.map((_, i) => (i === 0 ? g.element : ''))),
    ...TRAILING_HEADERS,
  ]);
  const h2 = ws.addRow([...Array(lead).fill(''), ...Array.from({ length: qCount }, (_, i) => i + 1), '', '']);
  const h3 = ws.addRow(m.letters);
  for (let c = 1; c <= n; c++) {
    const inQuestions = c > lead && c <= lead + qCount;
    if (!inQuestions) ws.mergeCells(h1.number, c, h2.number, c);
  }
  let col = lead + 1;
  for (const g of m.groups) {
    if (g.questionCodes.length > 1) ws.mergeCells(h1.number, col, h1.number, col + g.questionCodes.length - 1);
    col += g.questionCodes.length;
  }
  for (const r of [h1, h2, h3]) {
    r.font = { bold: r !== h3 };
    r.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  }
  if (m.rows.length === 0) {
    const nihil = ws.addRow([t('id', 'matrix.nihil')]);
    ws.mergeCells(nihil.number, 1, nihil.number, n);
    nihil.alignment = { horizontal: 'center' };
    nihil.font = { bold: true };
  } else {
    for (const r of m.rows) {
      // Numbers stay numbers (No., age, %, answers) so the sheet sorts and sums like the form.
      const row = ws.addRow(
        r.map((v, i) => (v !== '' && /^\d+$/.test(v) && (i === 0 || i === 4 || (i >= 10 && i < lead + qCount)) ? Number(v) : v)),
      );
      row.alignment = { vertical: 'top', wrapText: true };
    }
  }
  const last = ws.lastRow?.number ?? h3.number;
  for (let r = h1.number; r <= last; r++) {
    for (let c = 1; c <= n; c++) {
      ws.getCell(r, c).border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    }
  }
  ws.addRow([]);
  for (const line of signatureLines(m, 'id')) {
    const r = ws.addRow([]);
    r.getCell(n - 3).value = line;
  }
  ws.addRow([]);
  ws.addRow([t('id', 'matrix.notes')]);
  for (const note of notes('id')) ws.addRow([`- ${note}`]);
  if (locale === 'en') ws.addRow([`(${t('en', 'matrix.title')})`]);
  const widths = [6, 30, 16, 20, 6, 12, 16, 14, 16, 20, 12, ...Array(qCount).fill(4), 30, 28];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function matrixPdfDefinition(m: ValidityMatrix, locale: Locale): TDocumentDefinitions {
  const lead = LEADING_HEADERS.length;
  const qCount = m.groups.reduce((s, g) => s + g.questionCodes.length, 0);
  const n = m.letters.length;
  const head = (text: string, extra: { rowSpan?: number; colSpan?: number } = {}): TableCell => ({
    text,
    bold: true,
    alignment: 'center',
    ...extra,
  });
  const h1: TableCell[] = [
    ...LEADING_HEADERS.map((h) => head(h, { rowSpan: 2 })),
    ...m.groups.flatMap((g) =>
      g.questionCodes.map((_, i): TableCell => (i === 0 ? head(g.element, { colSpan: g.questionCodes.length }) : {})),
    ),
    ...TRAILING_HEADERS.map((h) => head(h, { rowSpan: 2 })),
  ];
  const h2: TableCell[] = [
    ...Array.from({ length: lead }, (): TableCell => ({})),
    ...Array.from({ length: qCount }, (_, i) => head(String(i + 1))),
    {},
    {},
  ];
  const h3: TableCell[] = m.letters.map((l) => ({ text: l, alignment: 'center', italics: true }));
  const body: TableCell[][] = [h1, h2, h3];
  if (m.rows.length === 0) {
    body.push([
      { text: t('id', 'matrix.nihil'), colSpan: n, alignment: 'center', bold: true, margin: [0, 6, 0, 6] },
      ...Array.from({ length: n - 1 }, (): TableCell => ({})),
    ]);
  } else {
    for (const r of m.rows)
      body.push(r.map((v, i) => ({ text: v, alignment: i === 0 || (i >= 10 && i < lead + qCount) ? 'center' : 'left' })));
  }
  // Fixed widths for the short columns; the text columns share what is left of A4 landscape.
  const widths = [18, '*', 40, '*', 14, 36, 50, 44, 44, '*', 40, ...Array(qCount).fill(10), '*', '*'];
  const content: Content[] = [
    { text: t('id', 'matrix.title'), bold: true, fontSize: 11, alignment: 'center' },
    { text: `${t('id', 'matrix.unit')}: ${m.unitName}`, fontSize: 9, margin: [0, 4, 0, 0] },
    { text: m.campaignName, fontSize: 9, margin: [0, 0, 0, 6] },
    {
      table: { headerRows: 3, widths, body },
      layout: {
        paddingLeft: () => 1.5,
        paddingRight: () => 1.5,
        paddingTop: () => 1,
        paddingBottom: () => 1,
      },
    },
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: t('id', 'matrix.notes'), bold: true, margin: [0, 10, 0, 2] },
            { ul: notes('id'), fontSize: 7 },
          ],
        },
        {
          width: 200,
          stack: signatureLines(m, 'id').map((l) => ({ text: l || ' ', alignment: 'center' as const })),
          margin: [0, 10, 0, 0],
        },
      ],
    },
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [20, 24, 20, 24],
    info: { title: `${t(locale, 'matrix.title')} – ${m.unitName}`, creator: 'Mutu' },
    defaultStyle: { font: 'Roboto', fontSize: 6.5 },
    content,
  };
}

export type ValidityMatrixService = ReturnType<typeof createValidityMatrixService>;
