import type { Db } from '../../db/connection.ts';
import type { ResultSnapshotTable, RtlRecommendationTable } from '../../db/schema.ts';
import { generateRecommendations, recommendationText } from '../../domain/action-plans/recommendations.ts';
import { Rational } from '../../domain/core/rational.ts';
import { toFixedHalfUp } from '../../domain/core/rounding.ts';
import type { ElementValue } from '../../domain/skm/analysis.ts';
import { notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { isKnownElement, parseJson, type RequiredItem, stateError, validationError } from './action-plans.common.ts';
import * as repo from './action-plans.repository.ts';
import type { CustomRecommendationInput } from './action-plans.schema.ts';

/**
 * Snapshot kinds read for generation: the computed results frozen at campaign close (W3) and the
 * published history imported by the coordinator (W2). Element values are read from keys `V.U1`
 * (computed) or `U1` (published), using the printed 2-decimal value (D19).
 */
export const UNIT_KINDS = ['skm_unit', 'skm_unit_published'] as const;
export const SERVICE_KINDS = ['skm_service', 'skm_service_published'] as const;
const ELEMENT_KEY = /^(?:V\.)?(U\d+)$/;

interface SnapshotValue {
  key: string;
  published?: string | null;
}

export function elementValues(snapshot: Pick<ResultSnapshotTable, 'values_json'>): ElementValue[] {
  const out: ElementValue[] = [];
  for (const v of parseJson<SnapshotValue[]>(snapshot.values_json, [])) {
    const m = ELEMENT_KEY.exec(v.key);
    if (!m || v.published === null || v.published === undefined || v.published === '') continue;
    out.push({ code: m[1] as string, value: Rational.parse(v.published) });
  }
  return out;
}

/** The newest version per scope (restatements supersede, D30). */
function latestPerScope<T extends Pick<ResultSnapshotTable, 'kind' | 'scope_key' | 'period_ref' | 'version'>>(rows: T[]): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    const k = `${r.kind}|${r.scope_key}|${r.period_ref}`;
    const cur = best.get(k);
    if (!cur || r.version > cur.version) best.set(k, r);
  }
  return [...best.values()];
}

const TYPES: Record<1 | 2 | 3, RtlRecommendationTable['type']> = {
  1: 'grade_c_elements',
  2: 'largest_declines',
  3: 'lowest_elements',
};

export interface GenerationResult {
  campaignId: string;
  year: number;
  units: { unitId: string; recommendations: { number: number; applicable: boolean; items: RequiredItem[] }[] }[];
  skippedUnits: { unitId: string; reason: string }[];
  created: number;
  corrected: number;
}

export function createRecommendationService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  /** The unit's frozen element values of year Y−1: a computed campaign snapshot first, else published history. */
  async function previousYear(db: Db, unitId: string, year: number) {
    const computed = await db
      .selectFrom('result_snapshot as s')
      .innerJoin('skm_campaign as c', 'c.id', 's.campaign_id')
      .selectAll('s')
      .where('s.unit_id', '=', unitId)
      .where('s.kind', '=', 'skm_unit')
      .where('c.year', '=', year - 1)
      .where('c.is_demo', '=', 0)
      .execute();
    const published = await db
      .selectFrom('result_snapshot')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('kind', '=', 'skm_unit_published')
      .where('period_ref', '=', String(year - 1))
      .execute();
    return latestPerScope(computed)[0] ?? latestPerScope(published)[0];
  }

  /**
   * DOMAIN 7.3 for every unit of a closed campaign, inside the caller's transaction (the close hook).
   * Idempotent: units whose basis snapshots are unchanged are left alone; a restated snapshot updates the
   * required items and marks the assignment (and its recommendation) as corrected.
   */
  async function generateForCampaign(trx: Db, campaignId: string, actor: Actor | null): Promise<GenerationResult> {
    const campaign = await trx.selectFrom('skm_campaign').selectAll().where('id', '=', campaignId).executeTakeFirst();
    if (!campaign) throw notFound('Kampanye survei');
    if (campaign.status !== 'closed') throw stateError('actionPlans.generate.notClosed');
    const now = isoNow(ctx.clock);
    const year = campaign.year;

    const recs = new Map((await repo.findRecommendations(trx, campaignId)).map((r) => [r.number, r]));
    const ensureRec = async (no: 1 | 2 | 3) => {
      const found = recs.get(no);
      if (found) return found;
      const row: RtlRecommendationTable = {
        id: newId(),
        basis_campaign_id: campaignId,
        basis_year: year,
        number: no,
        type: TYPES[no],
        official_text: recommendationText(no, year),
        target_year: year + 1,
        origin: 'generated',
        corrected: 0,
        created_by: actor?.userId ?? null,
        created_at: now,
        updated_at: now,
      };
      await repo.insertRecommendation(trx, row);
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'rtl_recommendation',
        entityId: row.id,
        action: 'create',
        after: row,
      });
      recs.set(no, row);
      return row;
    };

    const unitIds = (await trx.selectFrom('campaign_unit').select('unit_id').where('campaign_id', '=', campaignId).execute()).map(
      (r) => r.unit_id,
    );
    const snaps = latestPerScope(
      await trx
        .selectFrom('result_snapshot')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('kind', 'in', [...UNIT_KINDS, ...SERVICE_KINDS])
        .execute(),
    );
    const svcIds = snaps.filter((s) => s.unit_service_id).map((s) => s.unit_service_id as string);
    const names = new Map((await repo.serviceNames(trx, svcIds)).map((s) => [s.id, s.name]));
    const existing = await repo.listAssignments(trx, { basisCampaignId: campaignId });

    const result: GenerationResult = { campaignId, year, units: [], skippedUnits: [], created: 0, corrected: 0 };
    for (const unitId of unitIds) {
      const unitSnap = snaps.find((s) => s.unit_id === unitId && (UNIT_KINDS as readonly string[]).includes(s.kind));
      if (!unitSnap) {
        result.skippedUnits.push({ unitId, reason: 'no_unit_snapshot' });
        continue;
      }
      const serviceSnaps = snaps.filter(
        (s) => s.unit_id === unitId && (SERVICE_KINDS as readonly string[]).includes(s.kind) && s.unit_service_id,
      );
      const prev = await previousYear(trx, unitId, year);
      const generated = generateRecommendations({
        year,
        services: serviceSnaps.map((s) => ({ service: s.unit_service_id as string, elements: elementValues(s) })),
        unitElements: elementValues(unitSnap),
        previousUnitElements: prev ? elementValues(prev) : [],
      });
      const basis = [unitSnap.id, ...serviceSnaps.map((s) => s.id), ...(prev ? [prev.id] : [])].sort();
      const perRec: { number: 1 | 2 | 3; applicable: boolean; items: RequiredItem[] }[] = [
        {
          number: 1,
          applicable: generated.rec1.applicable,
          items: generated.rec1.items.map((i) => ({
            instrument: 'skm',
            elementCode: i.elementCode,
            unitServiceId: i.service,
            serviceName: names.get(i.service) ?? i.service,
            value: toFixedHalfUp(i.value),
            grade: i.grade,
          })),
        },
        {
          number: 2,
          applicable: generated.rec2.applicable,
          items: generated.rec2.items.map((i) => ({
            instrument: 'skm',
            elementCode: i.elementCode,
            declineAmount: toFixedHalfUp(i.declineAmount),
          })),
        },
        {
          number: 3,
          applicable: true,
          items: generated.rec3.items.map((i) => ({
            instrument: 'skm',
            elementCode: i.elementCode,
            value: toFixedHalfUp(i.value),
          })),
        },
      ];
      for (const r of perRec) {
        const rec = await ensureRec(r.number);
        const old = existing.find((a) => a.unit_id === unitId && a.recommendation_id === rec.id);
        const fields = {
          required_items_json: JSON.stringify(r.items),
          applicable: (r.applicable ? 1 : 0) as 0 | 1,
          basis_snapshots_json: JSON.stringify(basis),
        };
        if (!old) {
          const row = {
            id: newId(),
            recommendation_id: rec.id,
            unit_id: unitId,
            ...fields,
            corrected: 0 as const,
            corrected_at: null,
            correction_note: null,
            plan_status: 'draft' as const,
            submitted_by: null,
            submitted_at: null,
            approved_by: null,
            approved_at: null,
            created_at: now,
            updated_at: now,
          };
          await repo.insertAssignment(trx, row);
          await audit.record(trx, {
            unitId,
            actor,
            entityType: 'rtl_assignment',
            entityId: row.id,
            action: 'generate',
            after: { number: r.number, applicable: r.applicable, items: r.items, basis },
          });
          result.created++;
        } else if (old.basis_snapshots_json !== fields.basis_snapshots_json) {
          const note = 'Hasil SKM dasar rekomendasi dikoreksi (restatement)';
          await repo.updateAssignment(trx, old.id, {
            ...fields,
            corrected: 1,
            corrected_at: now,
            correction_note: note,
            updated_at: now,
          });
          await trx.updateTable('rtl_recommendation').set({ corrected: 1, updated_at: now }).where('id', '=', rec.id).execute();
          await audit.record(trx, {
            unitId,
            actor,
            entityType: 'rtl_assignment',
            entityId: old.id,
            action: 'correct',
            before: {
              applicable: old.applicable === 1,
              items: parseJson(old.required_items_json, []),
              basis: parseJson(old.basis_snapshots_json, []),
            },
            after: { applicable: r.applicable, items: r.items, basis },
            reason: note,
          });
          result.corrected++;
        }
      }
      result.units.push({ unitId, recommendations: perRec });
    }
    return result;
  }

  async function generate(actor: Actor, campaignId: string): Promise<GenerationResult> {
    requireRole(actor, ['inspectorate']);
    return ctx.db.transaction().execute((trx) => generateForCampaign(trx, campaignId, actor));
  }

  /** A recommendation written by the inspectorate, assigned to units with optional required elements. */
  async function createCustom(actor: Actor, input: CustomRecommendationInput) {
    requireRole(actor, ['inspectorate']);
    const bad = input.requiredElements.findIndex((e) => !isKnownElement(e));
    if (bad >= 0)
      throw validationError([
        { field: `body.requiredElements.${bad}.code`, message: `Kode unsur tidak dikenal: ${input.requiredElements[bad]?.code}` },
      ]);
    const units = await repo.unitsByIds(ctx.db, input.unitIds);
    const unknown = input.unitIds.findIndex((u) => !units.some((x) => x.id === u));
    if (unknown >= 0) throw validationError([{ field: `body.unitIds.${unknown}`, message: 'Unit tidak dikenal' }]);
    const now = isoNow(ctx.clock);
    return ctx.db.transaction().execute(async (trx) => {
      let number = input.number;
      if (number === undefined) {
        let q = trx
          .selectFrom('rtl_recommendation')
          .select((eb) => eb.fn.max('number').as('m'))
          .where('basis_year', '=', input.basisYear);
        q = input.basisCampaignId
          ? q.where('basis_campaign_id', '=', input.basisCampaignId)
          : q.where('basis_campaign_id', 'is', null);
        number = Math.max(3, Number((await q.executeTakeFirst())?.m ?? 0)) + 1;
      }
      const rec: RtlRecommendationTable = {
        id: newId(),
        basis_campaign_id: input.basisCampaignId ?? null,
        basis_year: input.basisYear,
        number,
        type: 'custom',
        official_text: input.text,
        target_year: input.targetYear,
        origin: 'custom',
        corrected: 0,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await repo.insertRecommendation(trx, rec);
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'rtl_recommendation',
        entityId: rec.id,
        action: 'create',
        after: rec,
      });
      const items: RequiredItem[] = input.requiredElements.map((e) => ({ instrument: e.instrument, elementCode: e.code }));
      const assignmentIds: string[] = [];
      for (const unitId of new Set(input.unitIds)) {
        const id = newId();
        assignmentIds.push(id);
        await repo.insertAssignment(trx, {
          id,
          recommendation_id: rec.id,
          unit_id: unitId,
          required_items_json: JSON.stringify(items),
          applicable: 1,
          basis_snapshots_json: '[]',
          corrected: 0,
          plan_status: 'draft',
          created_at: now,
          updated_at: now,
        });
        await audit.record(trx, {
          unitId,
          actor,
          entityType: 'rtl_assignment',
          entityId: id,
          action: 'create',
          after: { number, items },
        });
      }
      return { id: rec.id, number, type: rec.type, text: rec.official_text, assignmentIds };
    });
  }

  async function listForCampaign(actor: Actor, campaignId: string) {
    requireRole(actor, ['inspectorate', 'skm_coordinator', 'executive_viewer']);
    const rows = await repo.listAssignments(ctx.db, { basisCampaignId: campaignId });
    return {
      recommendations: (await repo.findRecommendations(ctx.db, campaignId)).map((r) => ({
        id: r.id,
        number: r.number,
        type: r.type,
        text: r.official_text,
        targetYear: r.target_year,
        corrected: r.corrected === 1,
        units: rows
          .filter((a) => a.recommendation_id === r.id)
          .map((a) => ({
            assignmentId: a.id,
            unitId: a.unit_id,
            applicable: a.applicable === 1,
            corrected: a.corrected === 1,
            items: parseJson<RequiredItem[]>(a.required_items_json, []),
          })),
      })),
    };
  }

  return { generateForCampaign, generate, createCustom, listForCampaign };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
