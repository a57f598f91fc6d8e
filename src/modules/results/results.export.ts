import { PassThrough } from 'node:stream';
import type { InstrumentProfile } from '../../domain/profiles/profile.ts';
import type { Locale } from '../../shared/i18n/index.ts';

/** One response as the list and the export show it (personal fields already masked when required). */
export interface ResponseRowView {
  id: string;
  seqNo: number;
  submittedAt: string;
  channel: string;
  unitServiceId: string;
  serviceName: string;
  fullName: string | null;
  phone: string | null;
  institution: string | null;
  age: number | null;
  sex: string | null;
  education: string | null;
  occupation: string | null;
  completionPct: number | null;
  suggestion: string | null;
  answers: Record<string, number>;
  validity: string;
  counted: boolean;
  duplicateHint: string | null;
  isDemo: boolean;
  personalMasked: boolean;
}

const HEAD = {
  id: {
    seqNo: 'No.',
    service: 'Layanan',
    submittedAt: 'Tanggal Survei',
    channel: 'Kanal',
    fullName: 'Nama',
    age: 'Usia',
    sex: 'Jenis Kelamin',
    phone: 'No. Handphone',
    education: 'Pendidikan',
    occupation: 'Pekerjaan',
    institution: 'Nama Instansi',
    completion: 'Persentase tahapan penyelesaian (%)',
    suggestion: 'Saran',
    validity: 'Validitas',
    counted: 'Dihitung',
    hint: 'Petunjuk duplikat',
    masked: 'Data pribadi disamarkan sesuai peran pengguna (DOMAIN 3).',
    demo: 'Data demo',
  },
  en: {
    seqNo: 'No.',
    service: 'Service',
    submittedAt: 'Survey date',
    channel: 'Channel',
    fullName: 'Name',
    age: 'Age',
    sex: 'Sex',
    phone: 'Mobile',
    education: 'Education',
    occupation: 'Occupation',
    institution: 'Institution',
    completion: 'Service completion (%)',
    suggestion: 'Suggestion',
    validity: 'Validity',
    counted: 'Counted',
    hint: 'Duplicate hint',
    masked: 'Personal data masked for your role (DOMAIN 3).',
    demo: 'Demo data',
  },
} as const;

/** Raw data of a unit as XLSX, streamed batch by batch (exceljs streaming writer). */
export async function writeResponsesXlsx(opts: {
  profile: InstrumentProfile;
  locale: Locale;
  title: string;
  masked: boolean;
  batches: AsyncIterable<ResponseRowView[]>;
}): Promise<Buffer> {
  const { profile, locale } = opts;
  const h = HEAD[locale];
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  // Loaded on first export: exceljs costs about a second of start-up for every process otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(locale === 'en' ? 'Responses' : 'Data Responden');
  const option = (field: string, code: string | null) => {
    if (code === null) return '';
    const o = profile.respondentFields.find((f) => f.code === field)?.options?.find((x) => x.code === code);
    return o ? o.label[locale] : code;
  };
  const questionCodes = profile.questions.map((q) => q.code);
  ws.addRow([opts.title]).commit();
  if (opts.masked) ws.addRow([h.masked]).commit();
  const header = ws.addRow([
    h.seqNo,
    h.service,
    h.submittedAt,
    h.channel,
    h.fullName,
    h.age,
    h.sex,
    h.phone,
    h.education,
    h.occupation,
    h.institution,
    h.completion,
    ...questionCodes,
    h.suggestion,
    h.validity,
    h.counted,
    h.hint,
    h.demo,
  ]);
  header.font = { bold: true };
  header.commit();
  for await (const batch of opts.batches) {
    for (const r of batch) {
      ws.addRow([
        r.seqNo,
        r.serviceName,
        r.submittedAt,
        r.channel,
        r.fullName ?? '',
        r.age ?? '',
        option('sex', r.sex),
        r.phone ?? '',
        option('education', r.education),
        option('occupation', r.occupation),
        r.institution ?? '',
        r.completionPct ?? '',
        ...questionCodes.map((q) => r.answers[q] ?? ''),
        r.suggestion ?? '',
        r.validity,
        r.counted ? 1 : 0,
        r.duplicateHint ?? '',
        r.isDemo ? 1 : 0,
      ]).commit();
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
