import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadDemoOrganisation,
  parentsFirst,
  parseApplication,
  parseTargetTable,
  STANDARD_UPT_SERVICES,
} from '../../src/modules/organisation/demo-organisation.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';

const WIT_CITIES = [
  'Jayapura',
  'Ambon',
  'Manokwari',
  'Sofifi',
  'Merauke',
  'Mimika',
  'Sorong',
  'Pulau Morotai',
  'Kepulauan Tanimbar',
];

describe('vendored demo organisation files', () => {
  const data = loadDemoOrganisation();

  it('maps every unit of the target table and keeps codes unique', () => {
    const codes = data.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    const mapped = new Set(data.units.map((u) => u.sourceName));
    for (const t of data.targets) expect(mapped.has(t.unitName), t.unitName).toBe(true);
    expect(data.targets).toHaveLength(758);
  });

  it('gives each province exactly one time zone and the eastern provinces WIT', () => {
    const tzOf = new Map<string, Set<string>>();
    for (const u of data.units) {
      if (!u.province) continue;
      tzOf.set(u.province, (tzOf.get(u.province) ?? new Set()).add(u.timeZone));
    }
    for (const [province, zones] of tzOf) expect(zones.size, province).toBe(1);
    for (const city of WIT_CITIES) expect(data.units.find((u) => u.city === city)?.timeZone, city).toBe('Asia/Jayapura');
    expect(data.units.find((u) => u.city === 'Tarakan')?.province).toBe('Kalimantan Utara');
    expect(data.units.find((u) => u.city === 'Palangka Raya')?.timeZone).toBe('Asia/Jakarta');
    expect(data.units.find((u) => u.city === 'Balikpapan')?.timeZone).toBe('Asia/Makassar');
  });

  it('orders parents before children', () => {
    const seen = new Set<string>();
    for (const u of parentsFirst([...data.units].reverse())) {
      if (u.parentCode) expect(seen.has(u.parentCode), u.code).toBe(true);
      seen.add(u.code);
    }
  });

  it('reads the divisor rule and N/A populations', () => {
    const rows = parseTargetTable(
      [
        'src_line\tgroup\tunit\tservice\tapplication\tpopulation_2023\tpop3m_rule',
        '1\tBPOM\tBalai POM di X\tA\t\tN/A\tceil(N/4)',
        '2\tUPP Pusat\tDit Y\tB\tx.pom.go.id\t19\tceil(N/2)',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.population, r.divisor])).toEqual([
      [null, 4],
      [19, 2],
    ]);
    expect(() => parseTargetTable('src_line\tpopulation_2023\tpop3m_rule\n1\t5\tfloor(N/4)')).toThrow(/pop3m_rule/);
  });

  it('derives application, address and delivery mode from the free-text column', () => {
    expect(parseApplication('')).toEqual({ applicationName: null, applicationUrl: null, deliveryMode: 'mixed' });
    expect(parseApplication('-').deliveryMode).toBe('mixed');
    expect(parseApplication('offline').deliveryMode).toBe('offline');
    expect(parseApplication('Via Email: Opb.ditregobat@pom.go.id')).toEqual({
      applicationName: 'Opb.ditregobat@pom.go.id',
      applicationUrl: null,
      deliveryMode: 'email',
    });
    expect(parseApplication('new-aero.pom.go.id')).toEqual({
      applicationName: 'new-aero.pom.go.id',
      applicationUrl: 'https://new-aero.pom.go.id',
      deliveryMode: 'online',
    });
    expect(parseApplication('https://standar-otskk.pom.go.id/').applicationUrl).toBe('https://standar-otskk.pom.go.id');
    expect(parseApplication('Hak akses oss.go.id')).toMatchObject({
      applicationUrl: 'https://oss.go.id',
      deliveryMode: 'online',
    });
    expect(parseApplication('offline dan perpustakaan.pom.go.id')).toMatchObject({
      applicationUrl: 'https://perpustakaan.pom.go.id',
      deliveryMode: 'mixed',
    });
  });
});

describeEachEngine('demo organisation seed', (_engine, open) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(open, { seedDemo: true });
  });
  afterAll(async () => t?.close());

  const db = () => t.deps.dbh.db;
  const unitByCode = (code: string) => db().selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  const servicesOf = (unitId: string) =>
    db()
      .selectFrom('unit_service as s')
      .innerJoin('service_type as st', 'st.id', 's.service_type_id')
      .leftJoin('unit_service_population as p', 'p.unit_service_id', 's.id')
      .select(['st.name', 's.population_divisor', 's.delivery_mode', 's.application_url', 'p.population', 'p.year'])
      .where('s.unit_id', '=', unitId)
      .orderBy('s.id')
      .execute();

  it('has 97 public-service units with 758 active services (21 central + 21 BBPOM + 21 Balai POM + 34 Loka POM)', async () => {
    const upp = await db().selectFrom('org_unit').select(['type', 'parent_id']).where('is_public_service_unit', '=', 1).execute();
    expect(upp).toHaveLength(97);
    const byType = (type: string) => upp.filter((u) => u.type === type).length;
    expect([byType('bbpom'), byType('bpom'), byType('loka')]).toEqual([21, 21, 34]);
    expect(upp.length - byType('bbpom') - byType('bpom') - byType('loka')).toBe(21);
    const services = await db()
      .selectFrom('unit_service')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(services.n)).toBe(758);
    const pops = await db()
      .selectFrom('unit_service_population')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('year', '=', 2023)
      .where('population', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(pops.n)).toBe(242);
  });

  it('has the agency root, the Eselon I units and Sekretariat Utama with its five bureaus', async () => {
    const root = await unitByCode('BPOM');
    expect(root).toMatchObject({ type: 'agency', parent_id: null });
    const eselon1 = await db()
      .selectFrom('org_unit')
      .select(['name', 'parent_id', 'is_sakip_entity'])
      .where('type', '=', 'eselon1')
      .execute();
    expect(eselon1.map((u) => u.name)).toEqual(expect.arrayContaining(['Sekretariat Utama', 'Inspektorat Utama']));
    expect(eselon1.filter((u) => u.name.startsWith('Deputi'))).toHaveLength(4);
    for (const u of eselon1) expect(u).toMatchObject({ parent_id: root.id, is_sakip_entity: 1 });
    const settama = await unitByCode('SETTAMA');
    const bureaus = await db()
      .selectFrom('org_unit')
      .select('name')
      .where('parent_id', '=', settama.id)
      .where('type', '=', 'bureau')
      .execute();
    expect(bureaus.map((b) => b.name).sort()).toEqual([
      'Biro Hukum dan Organisasi',
      'Biro Kerja Sama dan Hubungan Masyarakat',
      'Biro Perencanaan dan Keuangan',
      'Biro Sumber Daya Manusia',
      'Biro Umum',
    ]);
  });

  it('hangs central UPPs under their Eselon I unit and UPTs under the agency root', async () => {
    const root = await unitByCode('BPOM');
    const hukor = await db().selectFrom('org_unit').selectAll().where('name', '=', 'Biro Hukum dan Organisasi').execute();
    expect(hukor).toHaveLength(1);
    expect(hukor[0]).toMatchObject({ is_public_service_unit: 1, type: 'bureau', parent_id: (await unitByCode('SETTAMA')).id });
    const ditreg = await unitByCode('DIT-REG-OBAT');
    expect(ditreg).toMatchObject({
      type: 'directorate',
      parent_id: (await unitByCode('DEPUTI-1')).id,
      time_zone: 'Asia/Jakarta',
    });
    const upts = await db()
      .selectFrom('org_unit')
      .select(['parent_id', 'is_sakip_entity'])
      .where('type', 'in', ['bbpom', 'bpom', 'loka'])
      .execute();
    expect(upts).toHaveLength(76);
    for (const u of upts) expect(u).toEqual({ parent_id: root.id, is_sakip_entity: 1 });
    const lokas = await db().selectFrom('org_unit').select('location_qualifier').where('type', '=', 'loka').execute();
    expect(lokas.filter((l) => l.location_qualifier === 'kota')).toHaveLength(6);
    expect(lokas.filter((l) => l.location_qualifier === 'kabupaten')).toHaveLength(28);
    expect(await unitByCode('LOKA-BAUBAU')).toMatchObject({
      city: 'Baubau',
      province: 'Sulawesi Tenggara',
      time_zone: 'Asia/Makassar',
    });
    expect(await unitByCode('BBPOM-SRG')).toMatchObject({
      satker_code: '672821',
      head_title: 'Kepala Balai Besar POM di Serang',
    });
  });

  it('seeds Balai POM di Tarakan with 9 services, its 2023 populations and WITA', async () => {
    const trk = await unitByCode('BPOM-TRK');
    expect(trk).toMatchObject({
      name: 'Balai POM di Tarakan',
      type: 'bpom',
      province: 'Kalimantan Utara',
      time_zone: 'Asia/Makassar',
    });
    const services = await servicesOf(trk.id);
    expect(services.map((s) => s.name)).toEqual([...STANDARD_UPT_SERVICES]);
    expect(services.map((s) => s.population)).toEqual([0, 0, 1, 0, 2, 0, 7, null, 75]);
    expect(services.every((s) => s.population_divisor === 4 && s.year === 2023)).toBe(true);
  });

  it('seeds divisor 2 on the five services of Dit. Registrasi OT, SK dan Kosmetik and 4 elsewhere', async () => {
    const dit = await unitByCode('DIT-REG-OTSKK');
    const services = await servicesOf(dit.id);
    expect(services).toHaveLength(5);
    expect(services.map((s) => s.population_divisor)).toEqual([2, 2, 2, 2, 2]);
    const divisor2 = await db().selectFrom('unit_service').select('id').where('population_divisor', '=', 2).execute();
    expect(divisor2).toHaveLength(5);
  });

  it('seeds Biro Hukum dan Organisasi with 12257 complaints recipients', async () => {
    const services = await servicesOf((await unitByCode('BIRO-HUKOR')).id);
    expect(services).toEqual([
      expect.objectContaining({ name: 'Pengaduan masyarakat dan informasi Obat dan Makanan', population: 12257 }),
    ]);
  });

  it('fills the catalogue with the nine standard UPT services plus the central ones', async () => {
    const types = await db().selectFrom('service_type').select(['name', 'standard_for_upt']).execute();
    expect(types).toHaveLength(78);
    expect(
      types
        .filter((s) => s.standard_for_upt === 1)
        .map((s) => s.name)
        .sort(),
    ).toEqual([...STANDARD_UPT_SERVICES].sort());
  });

  it('reads delivery modes and application addresses from the table', async () => {
    const services = await servicesOf((await unitByCode('DIT-REG-OBAT')).id);
    expect(services[0]).toMatchObject({
      name: 'Izin edar obat',
      application_url: 'https://new-aero.pom.go.id',
      delivery_mode: 'online',
    });
    expect(services.find((s) => s.name === 'Penilaian obat pengembangan baru')?.delivery_mode).toBe('email');
  });

  it('seeds demo heads, one of them acting', async () => {
    const rows = await db().selectFrom('assignment').select(['title', 'role_code']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.role_code === 'unit_head')).toBe(true);
    expect(rows.filter((r) => r.title.startsWith('Plt. '))).toHaveLength(1);
  });

  it('runs only on an empty database: a second run changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('org_unit')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await t.deps.services.organisation.seedDemoOrganisation()).toBe(false);
    expect(await count()).toBe(before);
  });

  it('records the seed in the audit trail', async () => {
    const events = await db()
      .selectFrom('audit_event')
      .select(['action', 'after_json'])
      .where('action', '=', 'seed_demo')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.after_json ?? '{}')).toMatchObject({ publicServiceUnits: 97, unitServices: 758 });
  });

  it('seeds a fresh database quickly (batched inserts)', async () => {
    const fresh = await createTestApp(open, { seedDemo: false });
    try {
      const started = performance.now();
      expect(await fresh.deps.services.organisation.seedDemoOrganisation()).toBe(true);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await fresh.close();
    }
  });
});
