import { readFileSync } from 'node:fs';
import type { DeliveryMode, UnitType } from './organisation.schema.ts';

/** The nine services every UPT offers (DOMAIN §5.3), in the order of the 2024 target table. */
export const STANDARD_UPT_SERVICES = [
  'Penerbitan Surat Keterangan Impor Obat dan Makanan',
  'Penerbitan Surat Keterangan Ekspor Obat dan Makanan',
  'Sertifikasi Cara Distribusi Obat yang Baik (CDOB)',
  'Sertifikasi pemenuhan aspek Cara Pembuatan Obat Tradisional yang Baik (CPOTB)',
  'Sertifikasi pemenuhan aspek Cara Pembuatan Kosmetika yang Baik (CPKB)',
  'Penerbitan rekomendasi sebagai pemohon notifikasi kosmetika',
  'Penerbitan izin penerapan Cara Produksi Pangan Olahan yang Baik (CPPOB)',
  'Pengujian Obat dan Makanan',
  'Pengaduan masyarakat dan informasi Obat dan Makanan',
] as const;

export const TARGET_TABLE_YEAR = 2023;
export const TARGET_TABLE_SOURCE = 'Lampiran 2a SE Sestama B-OT.03.04.2.22.03.24.244 (SKM 2024)';

export interface TargetRow {
  srcLine: number;
  group: string;
  unitName: string;
  service: string;
  application: string;
  /** null = "N/A" in the table. */
  population: number | null;
  divisor: number;
}

export interface UnitMapRow {
  code: string;
  name: string;
  shortName: string;
  type: UnitType;
  parentCode: string | null;
  locationQualifier: 'kota' | 'kabupaten' | null;
  city: string | null;
  province: string | null;
  timeZone: string;
  isSakipEntity: boolean;
  satkerCode: string | null;
  headTitle: string;
  /** Name as printed in the target table, when the unit is in it. */
  sourceName: string | null;
}

const resource = (path: string) => readFileSync(new URL(`../../../resources/${path}`, import.meta.url), 'utf8');

function tsvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = text.replace(/\r/g, '').split('\n').filter(Boolean);
  const cols = (header ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, (cells[i] ?? '').trim()]));
  });
}

const DIVISOR_RULE = /^ceil\(N\/(\d+)\)$/;

export function parseTargetTable(text: string): TargetRow[] {
  return tsvRecords(text).map((r) => {
    const rule = DIVISOR_RULE.exec(r.pop3m_rule ?? '');
    if (!rule) throw new Error(`target table line ${r.src_line}: unknown pop3m_rule ${r.pop3m_rule}`);
    const pop = r.population_2023 ?? '';
    if (pop !== 'N/A' && !/^\d+$/.test(pop)) throw new Error(`target table line ${r.src_line}: bad population ${pop}`);
    return {
      srcLine: Number(r.src_line),
      group: r.group ?? '',
      unitName: r.unit ?? '',
      service: r.service ?? '',
      application: r.application ?? '',
      population: pop === 'N/A' ? null : Number(pop),
      divisor: Number(rule[1]),
    };
  });
}

export function parseUnitMap(text: string): UnitMapRow[] {
  const opt = (v: string | undefined) => (v ? v : null);
  return tsvRecords(text).map((r) => ({
    code: r.code ?? '',
    name: r.name ?? '',
    shortName: r.short_name ?? '',
    type: r.type as UnitType,
    parentCode: opt(r.parent_code),
    locationQualifier: opt(r.location_qualifier) as UnitMapRow['locationQualifier'],
    city: opt(r.city),
    province: opt(r.province),
    timeZone: r.time_zone ?? 'Asia/Jakarta',
    isSakipEntity: r.is_sakip_entity === '1',
    satkerCode: opt(r.satker_code),
    headTitle: r.head_title ?? '',
    sourceName: opt(r.source_name),
  }));
}

export interface ApplicationInfo {
  applicationName: string | null;
  applicationUrl: string | null;
  deliveryMode: DeliveryMode;
}

const HOST = /(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s]*)?)/i;

/**
 * Reads the free-text "application" cell of the target table: "offline", "Via Email: x@y",
 * host names with or without a scheme, "Hak akses oss.go.id", "1. a.go.id 2. b.go.id", or empty / "-".
 */
export function parseApplication(raw: string): ApplicationInfo {
  const text = raw.trim();
  if (!text || text === '-') return { applicationName: null, applicationUrl: null, deliveryMode: 'mixed' };
  if (/^offline$/i.test(text)) return { applicationName: null, applicationUrl: null, deliveryMode: 'offline' };
  if (/^via email/i.test(text)) {
    const address = text.replace(/^via email:?\s*/i, '');
    return { applicationName: address || text, applicationUrl: null, deliveryMode: 'email' };
  }
  const host = HOST.exec(text)?.[1];
  const url = host ? `https://${host.replace(/\/$/, '')}` : null;
  const name = host && /^https?:\/\//i.test(text) ? host.replace(/\/$/, '') : text;
  return { applicationName: name, applicationUrl: url, deliveryMode: /offline/i.test(text) ? 'mixed' : 'online' };
}

export interface DemoOrganisationData {
  units: UnitMapRow[];
  targets: TargetRow[];
}

/** Loads the vendored files and checks that they agree (every target-table unit is mapped exactly once). */
export function loadDemoOrganisation(): DemoOrganisationData {
  const units = parseUnitMap(resource('bpom/bpom-units.tsv'));
  const targets = parseTargetTable(resource('data/bpom-skm-targets-2024.tsv'));
  const bySource = new Map(units.filter((u) => u.sourceName).map((u) => [u.sourceName as string, u]));
  const codes = new Set(units.map((u) => u.code));
  for (const u of units) {
    if (u.parentCode && !codes.has(u.parentCode)) throw new Error(`bpom-units.tsv: ${u.code} has unknown parent ${u.parentCode}`);
  }
  for (const t of targets) {
    if (!bySource.has(t.unitName)) throw new Error(`bpom-units.tsv has no unit for "${t.unitName}" (target line ${t.srcLine})`);
  }
  return { units, targets };
}

/** Parents before children, so that multi-row inserts never reference a row not yet written. */
export function parentsFirst(units: UnitMapRow[]): UnitMapRow[] {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const depth = (u: UnitMapRow, seen = 0): number => {
    if (!u.parentCode || seen > 32) return 0;
    const parent = byCode.get(u.parentCode);
    return parent ? 1 + depth(parent, seen + 1) : 0;
  };
  return units
    .map((u, i) => ({ u, d: depth(u), i }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.u);
}

/** Demo heads (generated names, not from any source document), one acting ("Plt.") example. */
export const DEMO_HEADS: {
  unitCode: string;
  fullName: string;
  nip: string;
  title: (headTitle: string) => string;
  validFrom: string;
  validTo: string | null;
}[] = [
  {
    unitCode: 'BPOM-TRK',
    fullName: 'Dewi Anggraini Putri',
    nip: '198001012006042001',
    title: (t) => t,
    validFrom: '2022-01-03',
    validTo: '2024-06-30',
  },
  {
    unitCode: 'BPOM-TRK',
    fullName: 'Agus Setiawan Nugroho',
    nip: '198305152009121002',
    title: (t) => `Plt. ${t}`,
    validFrom: '2024-07-01',
    validTo: null,
  },
  {
    unitCode: 'BBPOM-SRG',
    fullName: 'Rahmat Hidayat Saputra',
    nip: '197706102002121003',
    title: (t) => t,
    validFrom: '2021-02-01',
    validTo: null,
  },
  {
    unitCode: 'BIRO-HUKOR',
    fullName: 'Sri Wahyuni Lestari',
    nip: '197512202000032004',
    title: (t) => t,
    validFrom: '2022-09-01',
    validTo: null,
  },
  {
    unitCode: 'SETTAMA',
    fullName: 'Bambang Prasetyo Wibowo',
    nip: '196908081995031005',
    title: (t) => t,
    validFrom: '2021-06-01',
    validTo: null,
  },
];
