import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/modules/auth/actor.ts';
import { createReportBatchService, type UnitReportGenerator } from '../../src/modules/reports/batch/batch.service.ts';
import { createTestApp, describeEachEngine, type TestApp } from '../helpers/engines.ts';
import { loginAs } from '../helpers/login.ts';
import { type CompilationSetup, movableClock, request, setupCompilation } from './compilation-fixture.ts';

const coordinator = (userId: string): Actor => ({
  userId,
  username: 'coord',
  fullName: 'Koordinator Uji',
  grants: [{ role: 'skm_coordinator', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
});

describeEachEngine('report batch (every unit’s Laporan SKM in one ZIP)', (_engine, open) => {
  let t: TestApp;
  let s: CompilationSetup;
  const clock = movableClock('2026-06-15T03:00:00.000Z');
  const req = (...a: Parameters<ReturnType<typeof request>>) => request(t)(...a);
  const extra: { stop(): void }[] = [];

  beforeAll(async () => {
    t = await createTestApp(open, {}, clock);
    s = await setupCompilation(t, { perUnit: [4, 3] });
  });
  afterAll(async () => {
    for (const x of extra) x.stop();
    t?.deps.services.reportBatch.stop();
    await t?.deps.services.reportBatch.idle();
    await t?.close();
  });

  it('runs as a job: 202, progress processed/total, a ZIP with one report per unit, served to the coordinator', async () => {
    const start = await req('POST', `/api/v1/campaigns/${s.campaignId}/reports/batch`, s.coord, {
      format: 'pdf',
      unitIds: [s.fx.tarakan, s.fx.central],
    });
    expect(start.statusCode, start.body).toBe(202);
    const { jobId } = start.json();
    await t.deps.services.reportBatch.kick();
    await t.deps.services.reportBatch.idle();
    const status = (await req('GET', `/api/v1/report-batches/${jobId}`, s.coord)).json();
    expect(status).toMatchObject({ status: 'succeeded', processed: 2, total: 2, progress: 100, format: 'pdf' });
    expect(status.files + status.failures.length).toBe(2);
    expect(status.files).toBeGreaterThan(0);
    const latest = (await req('GET', `/api/v1/campaigns/${s.campaignId}/reports/batch`, s.coord)).json();
    expect(latest.id).toBe(jobId);
    const zipRes = await req('GET', status.downloadUrl, s.coord);
    expect(zipRes.statusCode).toBe(200);
    expect(zipRes.headers['content-type']).toContain('application/zip');
    const zip = await JSZip.loadAsync(zipRes.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toHaveLength(status.files);
    expect(names[0]).toMatch(/^001-FX-BPOM-TRK-.*\.pdf$/);
    for (const n of names) expect((await zip.file(n)?.async('nodebuffer'))?.subarray(0, 5).toString()).toBe('%PDF-');
    const issued = await t.deps.dbh.db.selectFrom('issued_document').selectAll().where('kind', '=', 'batch_zip').execute();
    expect(issued).toHaveLength(1);
    expect(issued[0]?.blob_key).toBe(`reports/batch/${jobId}.zip`);
  });

  it('names a failing unit and still produces the others (both formats)', async () => {
    const real = t.deps.services.skmUnitReport.generate as UnitReportGenerator;
    const calls: string[] = [];
    const failing: UnitReportGenerator = async (actor, campaignId, unitId, format, locale) => {
      calls.push(`${unitId}:${format}`);
      if (unitId === s.fx.central) throw new Error('Data unit rusak (kegagalan uji)');
      return real(actor, campaignId, unitId, format, locale);
    };
    const svc = createReportBatchService(
      { db: t.deps.dbh.db, engine: t.deps.dbh.engine, clock, config: t.deps.config },
      { generator: () => failing },
    );
    extra.push(svc);
    const { jobId } = await svc.start(
      coordinator(s.coord.userId),
      s.campaignId,
      { format: 'both', unitIds: [s.fx.central, s.fx.tarakan] },
      'id',
    );
    await svc.kick();
    await svc.idle();
    const status = await svc.status(coordinator(s.coord.userId), jobId, 'id');
    expect(status.status).toBe('succeeded');
    expect(status.processed).toBe(2);
    expect(status.files).toBe(2);
    expect(status.failures).toEqual([
      {
        unitId: s.fx.central,
        unitCode: 'FX-DITREG-OTSKK',
        unitName: 'Direktorat Registrasi OT, SK dan Kosmetik',
        message: 'Data unit rusak (kegagalan uji)',
      },
    ]);
    expect(status.message).toContain('1 unit gagal');
    // Units in the campaign's order; the failing unit was tried once (its other format would fail alike).
    expect(calls).toEqual([`${s.fx.tarakan}:pdf`, `${s.fx.tarakan}:docx`, `${s.fx.central}:pdf`]);
    const dl = await svc.download(coordinator(s.coord.userId), jobId);
    const chunks: Buffer[] = [];
    for await (const c of dl.stream) chunks.push(c as Buffer);
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const names = Object.keys(zip.files).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^001-FX-BPOM-TRK-.*\.docx$/);
    expect(names[1]).toMatch(/^001-FX-BPOM-TRK-.*\.pdf$/);
  });

  it('is claimed by one runner only when two servers poll the same table', async () => {
    let generated = 0;
    const counting: UnitReportGenerator = async () => {
      generated++;
      return { buffer: Buffer.from('%PDF-1.7 test'), filename: 'uji.pdf', mediaType: 'application/pdf' };
    };
    const ctx = { db: t.deps.dbh.db, engine: t.deps.dbh.engine, clock, config: t.deps.config };
    const a = createReportBatchService(ctx, { generator: () => counting });
    const b = createReportBatchService(ctx, { generator: () => counting });
    extra.push(a, b);
    const { jobId } = await a.start(coordinator(s.coord.userId), s.campaignId, { format: 'pdf' }, 'id');
    await Promise.all([a.kick(), b.kick(), b.kick()]);
    await Promise.all([a.idle(), b.idle()]);
    expect(generated).toBe(3);
    const job = await t.deps.dbh.db.selectFrom('job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');
    expect(job.attempts).toBe(1);
  });

  it('is for the coordinator only, and names a unit outside the campaign', async () => {
    for (const who of [
      await loginAs(t, 'unit_operator', s.fx.tarakan),
      await loginAs(t, 'executive_viewer'),
      await loginAs(t, 'inspectorate'),
    ]) {
      const r = await req('POST', `/api/v1/campaigns/${s.campaignId}/reports/batch`, who, { format: 'pdf' });
      expect(r.statusCode).toBe(403);
    }
    const bad = await req('POST', `/api/v1/campaigns/${s.campaignId}/reports/batch`, s.coord, {
      format: 'pdf',
      unitIds: [s.fx.tarakan, s.fx.office],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('body.unitIds.1');
    const wrongFormat = await req('POST', `/api/v1/campaigns/${s.campaignId}/reports/batch`, s.coord, { format: 'odt' });
    expect(wrongFormat.statusCode).toBe(400);
    const op = await loginAs(t, 'unit_operator', s.fx.tarakan);
    const latest = (await req('GET', `/api/v1/campaigns/${s.campaignId}/reports/batch`, s.coord)).json();
    expect((await req('GET', `/api/v1/report-batches/${latest.id}`, op)).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/report-batches/${latest.id}/download.zip`, op)).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/report-batches/nope', s.coord)).statusCode).toBe(404);
  });
});
