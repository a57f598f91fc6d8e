import type { Db } from '../../src/db/connection.ts';
import { newId } from '../../src/shared/ids.ts';

/**
 * A small organisation made directly in the database, independent of the demo seed:
 * - Balai POM di Tarakan (UPT, WITA) with its nine standard services and 2023 populations
 *   as printed in Lampiran 2a (resources/data/bpom-skm-targets-2024.tsv, src_line 1585–1593);
 * - Direktorat Registrasi Obat Tradisional, Suplemen Kesehatan, dan Kosmetik (central, divisor 2),
 *   two of its services (src_line 1181–1182 of the same table);
 * - Loka POM di Kabupaten Contoh (another UPT, for scope tests) and a non-service unit.
 */
export const TARAKAN_SERVICES: { name: string; population2023: number | null; expectedTarget: number }[] = [
  { name: 'Penerbitan Surat Keterangan Impor Obat dan Makanan', population2023: 0, expectedTarget: 0 },
  { name: 'Penerbitan Surat Keterangan Ekspor Obat dan Makanan', population2023: 0, expectedTarget: 0 },
  { name: 'Sertifikasi Cara Distribusi Obat yang Baik (CDOB)', population2023: 1, expectedTarget: 1 },
  {
    name: 'Sertifikasi pemenuhan aspek Cara Pembuatan Obat Tradisional yang Baik (CPOTB)',
    population2023: 0,
    expectedTarget: 0,
  },
  { name: 'Sertifikasi pemenuhan aspek Cara Pembuatan Kosmetika yang Baik (CPKB)', population2023: 2, expectedTarget: 1 },
  { name: 'Penerbitan rekomendasi sebagai pemohon notifikasi kosmetika', population2023: 0, expectedTarget: 0 },
  {
    name: 'Penerbitan izin penerapan Cara Produksi Pangan Olahan yang Baik (CPPOB)',
    population2023: 7,
    expectedTarget: 2,
  },
  { name: 'Pengujian Obat dan Makanan', population2023: null, expectedTarget: 0 },
  { name: 'Pengaduan masyarakat dan informasi Obat dan Makanan', population2023: 75, expectedTarget: 18 },
];

export const CENTRAL_SERVICES = [
  { name: 'Fixture: Registrasi obat tradisional', population2023: 19, populationPeriod: 10, expectedTarget: 10 },
  { name: 'Fixture: Registrasi suplemen kesehatan', population2023: 502, populationPeriod: 251, expectedTarget: 152 },
];

export interface Fixture {
  tarakan: string;
  central: string;
  loka: string;
  office: string;
  tarakanServices: string[];
  centralServices: string[];
  lokaServices: string[];
}

export async function seedFixture(db: Db, now = '2024-01-01T00:00:00.000Z'): Promise<Fixture> {
  const unit = async (code: string, name: string, type: string, timeZone: string, ups: 0 | 1) => {
    const id = newId();
    await db
      .insertInto('org_unit')
      .values({
        id,
        code,
        name,
        short_name: name,
        type,
        group_label: null,
        parent_id: null,
        location_qualifier: null,
        city: null,
        province: null,
        time_zone: timeZone,
        is_public_service_unit: ups,
        is_sakip_entity: 0,
        satker_code: null,
        head_title: null,
        valid_from: '2020-01-01',
        valid_to: null,
        predecessor_id: null,
        version: 1,
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };
  const serviceTypes = new Map<string, string>();
  // Distinct creation times keep the service order stable (ids made in one millisecond are unordered).
  let serial = 0;
  const service = async (unitId: string, name: string, population: number | null | undefined, divisor = 4) => {
    let typeId = serviceTypes.get(name);
    if (!typeId) {
      typeId = newId();
      serviceTypes.set(name, typeId);
      await db
        .insertInto('service_type')
        .values({ id: typeId, name, regulation_ref: null, standard_for_upt: 0, active: 1, created_at: now })
        .execute();
    }
    const id = newId();
    await db
      .insertInto('unit_service')
      .values({
        id,
        unit_id: unitId,
        service_type_id: typeId,
        application_name: null,
        application_url: null,
        delivery_mode: 'mixed',
        population_divisor: divisor,
        active: 1,
        created_at: new Date(Date.parse(now) + 1000 * serial++).toISOString(),
        updated_at: now,
      })
      .execute();
    if (population !== undefined) {
      await db
        .insertInto('unit_service_population')
        .values({ unit_id: unitId, unit_service_id: id, year: 2023, population, source: 'fixture' })
        .execute();
    }
    return id;
  };

  const tarakan = await unit('FX-BPOM-TRK', 'Balai POM di Tarakan', 'bpom', 'Asia/Makassar', 1);
  const central = await unit('FX-DITREG-OTSKK', 'Direktorat Registrasi OT, SK dan Kosmetik', 'directorate', 'Asia/Jakarta', 1);
  const loka = await unit('FX-LOKA-CTH', 'Loka POM di Kabupaten Contoh', 'loka', 'Asia/Jayapura', 1);
  const office = await unit('FX-ITTAMA', 'Inspektorat Utama', 'eselon1', 'Asia/Jakarta', 0);

  const tarakanServices: string[] = [];
  for (const s of TARAKAN_SERVICES) tarakanServices.push(await service(tarakan, s.name, s.population2023, 4));
  const centralServices: string[] = [];
  for (const s of CENTRAL_SERVICES) centralServices.push(await service(central, s.name, s.population2023, 2));
  // The Loka has no population row for one service: missing data counts as 0 (D7).
  const lokaServices = [
    await service(loka, TARAKAN_SERVICES[8]!.name, 40, 4),
    await service(loka, TARAKAN_SERVICES[7]!.name, undefined, 4),
  ];
  return { tarakan, central, loka, office, tarakanServices, centralServices, lokaServices };
}
