import ExcelJS from 'exceljs';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import type { ImportColumn } from './import.parse.ts';

/**
 * The downloadable import template: the header row of the campaign's profile, one example row (made
 * up, not a real respondent) and, in XLSX, a second sheet that explains every column and lists the
 * accepted codes and labels.
 */

export interface TemplateInput {
  profile: InstrumentProfile;
  columns: ImportColumn[];
  services: string[];
  exampleDate: string;
  locale: Locale;
}

function exampleRow(p: TemplateInput): string[] {
  const example: Record<string, string> = {
    full_name: 'Contoh Responden',
    age: '34',
    sex: 'perempuan',
    phone: '0812-0000-0000',
    education: 'd4_s1',
    occupation: 'wiraswasta',
    institution: 'CV Contoh Usaha',
    service: p.services[0] ?? '',
    submitted_at: `${p.exampleDate} 10:30`,
    completion_pct: '100',
    suggestion: 'Pelayanan sudah baik',
  };
  return p.columns.map((c) => {
    if (c.kind === 'answer') return String(p.profile.scaleMax - 1);
    return example[c.name] ?? (c.options?.[0]?.code || '');
  });
}

const csvCell = (v: string) => (/[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function templateCsv(p: TemplateInput): string {
  const lines = [p.columns.map((c) => c.name), exampleRow(p)].map((r) => r.map(csvCell).join(','));
  // BOM: Excel opens UTF-8 text correctly only with it.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function describe(c: ImportColumn, p: TemplateInput): string {
  const key = `import.template.col.${c.name}`;
  if (c.kind === 'answer') {
    const q = p.profile.questions.find((x) => x.code === c.code);
    const head = t(p.locale, 'import.template.col.question', { code: c.code, min: p.profile.scaleMin, max: p.profile.scaleMax });
    return q ? `${head}. ${q.text[p.locale]}` : head;
  }
  return t(p.locale, key);
}

export async function templateXlsx(p: TemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutu';
  const data = wb.addWorksheet(t(p.locale, 'import.template.sheetData'));
  data.addRow(p.columns.map((c) => c.name)).font = { bold: true };
  data.addRow(exampleRow(p));
  p.columns.forEach((c, i) => {
    const col = data.getColumn(i + 1);
    col.width = c.kind === 'answer' ? 5 : c.name === 'service' ? 40 : 18;
    // Text cells keep leading zeros of phone numbers and stop Excel turning dates into serials.
    if (c.kind === 'text' || c.kind === 'submitted_at' || c.kind === 'service') col.numFmt = '@';
  });
  data.views = [{ state: 'frozen', ySplit: 1 }];

  const help = wb.addWorksheet(t(p.locale, 'import.template.sheetCodes'));
  help.addRow([
    t(p.locale, 'import.template.column'),
    t(p.locale, 'import.template.meaning'),
    t(p.locale, 'import.template.accepted'),
  ]).font = { bold: true };
  for (const c of p.columns) {
    let accepted = '';
    if (c.options) accepted = c.options.map((o) => `${o.code} = ${o.labels.join(' / ')}`).join('\n');
    else if (c.kind === 'service') accepted = p.services.join('\n');
    else if (c.kind === 'answer') accepted = `${p.profile.scaleMin}–${p.profile.scaleMax}`;
    const row = help.addRow([c.name, describe(c, p), accepted]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.getColumn(1).width = 16;
  help.getColumn(2).width = 70;
  help.getColumn(3).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
