import type { Actor } from '../auth/actor.ts';
import type { SubmitInput } from '../responses/response.schema.ts';
import type { ResponseService } from '../responses/submit-response.service.ts';
import type { ServiceContext } from '../service-context.ts';
import type { CampaignService } from './campaign.service.ts';
import type { LinkService } from './link.service.ts';
import { localDate } from './local-date.ts';

/**
 * Issue 4 §10: on a fresh database a demo SKM campaign in `collecting`, with generated responses, so
 * a newcomer sees live results at once. The campaign is `is_demo = 1` and its responses are demo
 * data (W1's `submitMany` refuses demo responses for a real campaign), so they never mix. Runs once:
 * an existing demo campaign is kept as it is. Generated respondents only ("Responden Demo 12",
 * phone "0" = not given); nothing is taken from real documents.
 */

/** Balai POM di Tarakan (UPT, WITA), Direktorat Registrasi Obat (central) and BBPOM di Jakarta. */
const DEMO_UNITS = ['BPOM-TRK', 'DIT-REG-OBAT', 'BBPOM-JKT'];
/** Per unit: the first services (in catalogue order) that receive responses, with target and responses. */
const PLAN: readonly { target: number; responses: number }[] = [
  { target: 22, responses: 28 },
  { target: 20, responses: 16 },
  { target: 12, responses: 12 },
  { target: 5, responses: 7 },
];

/** The seeder acts as an SKM coordinator of no person: the audit trail shows `system:demo-seed`. */
const SEED_ACTOR: Actor = {
  userId: 'system:demo-seed',
  username: 'system',
  fullName: 'Sistem (data demo)',
  grants: [{ role: 'skm_coordinator', unitId: null }],
  mustChangePassword: false,
  sessionId: '',
  locale: 'id',
};

export interface DemoCampaignResult {
  created: boolean;
  campaignId: string | null;
  /** `/s/<token>` of an active demo link (the start banner prefixes the public address). */
  formPath: string | null;
}

/** Deterministic generator (mulberry32): the same demo on every fresh database. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoCampaign(
  ctx: ServiceContext,
  services: { campaigns: CampaignService; surveyLinks: LinkService; responses: ResponseService },
): Promise<DemoCampaignResult> {
  const db = ctx.db;
  const existing = await db
    .selectFrom('skm_campaign')
    .select('id')
    .where('is_demo', '=', 1)
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  if (existing) return { created: false, campaignId: existing.id, formPath: await formPath(ctx, existing.id) };

  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'time_zone'])
    .where('code', 'in', DEMO_UNITS)
    .where('active', '=', 1)
    .where('is_public_service_unit', '=', 1)
    .execute();
  if (!units.length) return { created: false, campaignId: null, formPath: null };
  units.sort((a, b) => DEMO_UNITS.indexOf(a.code) - DEMO_UNITS.indexOf(b.code));

  const now = ctx.clock.now();
  const today = localDate(now, 'Asia/Jakarta');
  const year = Number(today.slice(0, 4));
  const campaign = await services.campaigns.create(
    SEED_ACTOR,
    {
      year,
      name: `SKM Demo ${year}`,
      profileCode: 'bpom-2024',
      profileVersion: 1,
      collectionStart: `${year}-01-01`,
      collectionEnd: `${year}-12-31`,
      periodicityLabel: 'tahun',
      units: units.map((u) => ({ unitId: u.id })),
      allowEmbedding: false,
      embedOrigins: [],
    },
    { isDemo: true },
  );
  const { rows: targets } = await services.campaigns.getTargets(SEED_ACTOR, campaign.id);
  const plan: { unitId: string; unitServiceId: string; responses: number }[] = [];
  for (const u of units) {
    const mine = targets.filter((t) => t.unitId === u.id);
    for (const [i, p] of PLAN.entries()) {
      const t = mine[i];
      if (!t) break;
      if (t.target !== p.target)
        await services.campaigns.overrideTarget(SEED_ACTOR, campaign.id, t.unitServiceId, {
          target: p.target,
          reason: 'Target contoh untuk kampanye demo (bukan data resmi)',
        });
      plan.push({ unitId: u.id, unitServiceId: t.unitServiceId, responses: p.responses });
    }
  }
  await services.campaigns.transition(SEED_ACTOR, campaign.id, 'targets_set');
  await services.campaigns.transition(SEED_ACTOR, campaign.id, 'collecting');

  const links = await db
    .selectFrom('survey_link')
    .select(['id', 'unit_id', 'unit_service_id'])
    .where('campaign_id', '=', campaign.id)
    .where('active', '=', 1)
    .execute();
  const linkOf = (unitId: string, unitServiceId: string) =>
    links.find((l) => l.unit_id === unitId && (l.unit_service_id === null || l.unit_service_id === unitServiceId))?.id ?? null;

  const random = rng(0x5eed2024);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  // Skewed to the top of the scale like real SKM data, with a few low answers.
  const answer = () => {
    const u = random();
    return u < 0.03 ? 2 : u < 0.08 ? 3 : u < 0.25 ? 4 : u < 0.6 ? 5 : 6;
  };
  const start = Date.parse(`${year}-01-02T00:00:00+07:00`);
  const end = now.getTime() - 60_000;
  const inputs: SubmitInput[] = [];
  let n = 0;
  for (const p of plan) {
    for (let i = 0; i < p.responses; i++) {
      n++;
      const answers: Record<string, number> = {};
      for (let q = 1; q <= 14; q++) answers[`A${q}`] = answer();
      for (let q = 1; q <= 5; q++) answers[`B${q}`] = random() < 0.9 ? 6 : answer();
      const at = end > start ? start + Math.floor(((i + random()) / p.responses) * (end - start)) : end;
      inputs.push({
        campaignId: campaign.id,
        unitId: p.unitId,
        unitServiceId: p.unitServiceId,
        channel: 'link',
        linkId: linkOf(p.unitId, p.unitServiceId),
        clientSubmissionId: `demo-${campaign.id}-${n}`,
        submittedAt: new Date(at).toISOString(),
        isDemo: true,
        respondent: {
          fullName: `Responden Demo ${n}`,
          age: 19 + Math.floor(random() * 40),
          sex: pick(['laki_laki', 'perempuan']),
          phone: '0',
          education: pick(['sma_or_below', 'd1_d3', 'd4_s1', 'd4_s1', 's2_s3']),
          occupation: pick([
            'pns_tni_polri',
            'pegawai_swasta',
            'pegawai_swasta',
            'wiraswasta',
            'ppjk',
            'pelajar_mahasiswa',
            'lainnya',
          ]),
          institution: `Instansi Demo ${1 + (n % 17)}`,
        },
        completionPct: random() < 0.85 ? 100 : pick([25, 50, 75]),
        answers,
        suggestion:
          random() < 0.3
            ? pick(['Pertahankan pelayanan.', 'Informasi biaya agar lebih jelas.', 'Waktu tunggu dipersingkat.'])
            : null,
        locale: 'id',
      });
    }
  }
  await db.transaction().execute((trx) => services.responses.submitMany(trx, inputs));
  return { created: true, campaignId: campaign.id, formPath: await formPath(ctx, campaign.id) };
}

/** An active link of the demo campaign, the UPT's unit link first (the respondent picks the service). */
async function formPath(ctx: ServiceContext, campaignId: string): Promise<string | null> {
  const link = await ctx.db
    .selectFrom('survey_link')
    .select(['token', 'unit_service_id'])
    .where('campaign_id', '=', campaignId)
    .where('active', '=', 1)
    .orderBy('kind', 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return link ? `/s/${link.token}` : null;
}
