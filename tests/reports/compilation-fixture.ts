import { expect } from 'vitest';
import type { SubmitInput } from '../../src/modules/responses/response.schema.ts';
import { SAME_ORIGIN, type TestApp } from '../helpers/engines.ts';
import { loginAs, type TestLogin } from '../helpers/login.ts';
import { type Fixture, seedFixture } from '../surveys/fixtures.ts';

/**
 * A small campaign for the compilation, perception-report, public-page and batch tests: three units
 * of the shared fixture (Tarakan, a central directorate, a Loka with no responses), bpom-2024 answers
 * generated deterministically, all submitted in March 2026 with 100% completion (so the same rows
 * feed the SPKP/SPAK selection of that month).
 */

/** A mutable clock: collection in 2026, closing in February 2027. */
export function movableClock(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (x: string) => (now = new Date(x)) };
}

export interface CompilationSetup {
  fx: Fixture;
  campaignId: string;
  coord: TestLogin;
  /** Names submitted per unit (to check the annex and masking). */
  names: string[];
}

export const request = (t: TestApp) => (method: 'GET' | 'POST' | 'PUT', url: string, who: TestLogin | null, body?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...(who ? { cookie: who.cookie } : {}), ...(method === 'GET' ? {} : SAME_ORIGIN) },
    payload: body as object,
  });

function answers(seed: number, i: number): Record<string, number> {
  const a: Record<string, number> = {};
  for (let q = 1; q <= 14; q++) a[`A${q}`] = 1 + ((seed * 7 + i * 5 + q * 3 + ((i * q) % 4)) % 6);
  for (let q = 1; q <= 5; q++) a[`B${q}`] = 3 + ((seed + i + q) % 4);
  return a;
}

export async function setupCompilation(t: TestApp, opts: { perUnit?: [number, number] } = {}): Promise<CompilationSetup> {
  const req = request(t);
  const fx = await seedFixture(t.deps.dbh.db);
  const coord = await loginAs(t, 'skm_coordinator');
  const res = await req('POST', '/api/v1/campaigns', coord, {
    year: 2026,
    name: 'SKM Uji Kompilasi 2026',
    collectionStart: '2026-01-01',
    collectionEnd: '2026-12-31',
    units: [{ unitId: fx.tarakan }, { unitId: fx.central }, { unitId: fx.loka }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const campaignId = res.json().id as string;
  for (const to of ['targets_set', 'collecting']) {
    const r = await req('POST', `/api/v1/campaigns/${campaignId}/transition`, coord, { to });
    expect(r.statusCode, r.body).toBe(200);
  }
  const [nTarakan, nCentral] = opts.perUnit ?? [12, 5];
  const plan: { unitId: string; unitServiceId: string; n: number; seed: number }[] = [
    { unitId: fx.tarakan, unitServiceId: fx.tarakanServices[8] as string, n: nTarakan, seed: 1 },
    { unitId: fx.tarakan, unitServiceId: fx.tarakanServices[6] as string, n: 2, seed: 2 },
    { unitId: fx.central, unitServiceId: fx.centralServices[0] as string, n: nCentral, seed: 3 },
  ];
  const inputs: SubmitInput[] = [];
  const names: string[] = [];
  let k = 0;
  for (const p of plan) {
    for (let i = 0; i < p.n; i++) {
      const name = `Responden Kompilasi ${p.seed}-${i}`;
      names.push(name);
      const day = String(1 + (i % 27)).padStart(2, '0');
      inputs.push({
        campaignId,
        unitId: p.unitId,
        unitServiceId: p.unitServiceId,
        channel: 'paper_entry',
        clientSubmissionId: `compilation-${k++}`,
        submittedAt: `2026-03-${day}T${String(9 + (i % 8)).padStart(2, '0')}:00:00+08:00`,
        respondent: {
          fullName: name,
          age: 22 + ((i * 7) % 40),
          sex: i % 2 ? 'perempuan' : 'laki_laki',
          phone: '0',
          education: 'd4_s1',
          occupation: 'wiraswasta',
          institution: 'PT Kompilasi Uji',
        },
        completionPct: 100,
        answers: answers(p.seed, i),
        suggestion: i === 0 ? `Saran uji ${p.seed}` : null,
      });
    }
  }
  await t.deps.dbh.db.transaction().execute((trx) => t.deps.services.responses.submitMany(trx, inputs));
  return { fx, campaignId, coord, names };
}

/** Moves the campaign to `closed` (the clock must be after the collection end). */
export async function closeCampaign(t: TestApp, campaignId: string, coord: TestLogin) {
  const req = request(t);
  for (const to of ['validating', 'reporting', 'closed']) {
    const r = await req('POST', `/api/v1/campaigns/${campaignId}/transition`, coord, { to });
    expect(r.statusCode, r.body).toBe(200);
  }
}
