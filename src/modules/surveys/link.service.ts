import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { SkmCampaignTable, SurveyLinkTable } from '../../db/schema.ts';
import { AppError, AppErrorCode, notFound } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { newId, newToken } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { campaignPolicy } from './campaign.policy.ts';
import * as campaignRepo from './campaign.repository.ts';
import type { LinkDto } from './campaign.schema.ts';
import { posterPdf, qrPng, qrSvg } from './link.qr.ts';
import * as repo from './link.repository.ts';

/** UPTs (Balai Besar POM, Balai POM, Loka POM) get one unit link; other units one link per service (DOMAIN 5.3). */
export const UPT_TYPES: readonly string[] = ['bbpom', 'bpom', 'loka'];

/** 24 random bytes = 192 bits (≥160 required), 32 base64url characters. */
export const LINK_TOKEN_BYTES = 24;

export type QrFormat = 'svg' | 'png' | 'pdf';

export function createLinkService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const publicBase = (): string => ctx.config.publicUrl ?? `http://localhost:${ctx.config.port}`;
  const publicUrl = (token: string): string => `${publicBase()}/s/${token}`;

  const toDto = (r: NonNullable<repo.LinkRow>): LinkDto => ({
    id: r.id,
    campaignId: r.campaign_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    unitServiceId: r.unit_service_id,
    serviceName: r.service_name ?? null,
    kind: r.kind,
    token: r.token,
    url: publicUrl(r.token),
    active: r.active === 1,
    replacedBy: r.replaced_by,
    createdAt: r.created_at,
  });

  const newLinkRow = (
    actor: Actor | null,
    campaignId: string,
    unitId: string,
    unitServiceId: string | null,
  ): Insertable<SurveyLinkTable> => ({
    id: newId(),
    campaign_id: campaignId,
    unit_id: unitId,
    unit_service_id: unitServiceId,
    kind: unitServiceId ? 'service' : 'unit',
    token: newToken(LINK_TOKEN_BYTES),
    short_alias: null,
    active: 1,
    replaced_by: null,
    created_by: actor?.userId ?? null,
    created_at: isoNow(ctx.clock),
    deactivated_at: null,
  });

  /**
   * Creates the links a campaign still lacks, inside the caller's transaction: one per UPT, one per
   * service in scope elsewhere. Existing active links are kept (posters already printed stay valid).
   */
  async function generateMissing(trx: Db, campaign: SkmCampaignTable, actor: Actor | null): Promise<number> {
    const [units, targets, existing] = await Promise.all([
      campaignRepo.campaignUnits(trx, campaign.id),
      campaignRepo.targets(trx, campaign.id),
      repo.activeLinks(trx, campaign.id),
    ]);
    const have = new Set(existing.map((l) => `${l.unit_id}|${l.unit_service_id ?? ''}`));
    const rows: Insertable<SurveyLinkTable>[] = [];
    for (const u of units) {
      if (UPT_TYPES.includes(u.type)) {
        if (!have.has(`${u.id}|`)) rows.push(newLinkRow(actor, campaign.id, u.id, null));
        continue;
      }
      for (const tg of targets.filter((x) => x.unit_id === u.id)) {
        if (!have.has(`${u.id}|${tg.unit_service_id}`)) rows.push(newLinkRow(actor, campaign.id, u.id, tg.unit_service_id));
      }
    }
    await repo.insertLinks(trx, rows);
    // One event per unit; the token is the secret of the public form, so the trail records ids only.
    for (const unitId of new Set(rows.map((r) => r.unit_id))) {
      await deps.audit.record(trx, {
        unitId,
        actor,
        entityType: 'skm_campaign',
        entityId: campaign.id,
        action: 'links_created',
        after: {
          links: rows
            .filter((r) => r.unit_id === unitId)
            .map((r) => ({ id: r.id, kind: r.kind, unitServiceId: r.unit_service_id })),
        },
      });
    }
    return rows.length;
  }

  async function loadCampaign(id: string) {
    const c = await campaignRepo.findCampaign(ctx.db, id);
    if (!c) throw notFound('Kampanye survei');
    return c;
  }

  async function list(actor: Actor, campaignId: string): Promise<{ links: LinkDto[] }> {
    await loadCampaign(campaignId);
    const scope = await campaignPolicy.readScope(ctx.db, actor);
    const unitIds = scope.all ? undefined : [...scope.unitIds];
    const units = await campaignRepo.campaignUnits(ctx.db, campaignId);
    campaignPolicy.assertCampaignVisible(
      scope,
      units.map((u) => u.id),
    );
    const rows = await repo.linksOfCampaign(ctx.db, campaignId, unitIds);
    return { links: rows.map(toDto) };
  }

  /** On demand (e.g. a unit added later): creates missing links, returns them all. */
  async function generate(actor: Actor, campaignId: string): Promise<{ links: LinkDto[]; created: number }> {
    campaignPolicy.assertManage(actor);
    const created = await ctx.db.transaction().execute(async (trx) => {
      const c = await campaignRepo.findCampaignForUpdate(trx, ctx.engine, campaignId);
      if (!c) throw notFound('Kampanye survei');
      if (c.status === 'closed') throw closedError();
      return generateMissing(trx, c, actor);
    });
    return { ...(await list(actor, campaignId)), created };
  }

  async function regenerate(actor: Actor, linkId: string, locale: Locale) {
    campaignPolicy.assertManage(actor);
    const ids = await ctx.db.transaction().execute(async (trx) => {
      const old = await repo.findLink(trx, linkId);
      if (!old) throw notFound('Tautan survei');
      const c = await campaignRepo.findCampaignForUpdate(trx, ctx.engine, old.campaign_id);
      if (!c) throw notFound('Kampanye survei');
      if (c.status === 'closed') throw closedError();
      if (old.active !== 1) throw inactiveError();
      const row = newLinkRow(actor, old.campaign_id, old.unit_id, old.unit_service_id);
      if (!(await repo.deactivateLink(trx, old.id, row.id as string, row.created_at as string))) throw inactiveError();
      await repo.insertLinks(trx, [row]);
      await deps.audit.record(trx, {
        unitId: old.unit_id,
        actor,
        entityType: 'survey_link',
        entityId: old.id,
        action: 'regenerate',
        before: { active: true },
        after: { active: false, replacedBy: row.id },
      });
      return { oldId: old.id, newId: row.id as string };
    });
    const [link, replaced] = await Promise.all([repo.findLink(ctx.db, ids.newId), repo.findLink(ctx.db, ids.oldId)]);
    return {
      link: toDto(link!),
      replaced: toDto(replaced!),
      postersInvalidated: true as const,
      warning: t(locale, 'surveys.link.regenerateWarning'),
    };
  }

  /** QR code or poster of an active link the actor may see. */
  async function render(actor: Actor, linkId: string, format: QrFormat, locale: Locale): Promise<Buffer | string> {
    const link = await repo.findLink(ctx.db, linkId);
    if (!link) throw notFound('Tautan survei');
    campaignPolicy.assertUnitVisible(await campaignPolicy.readScope(ctx.db, actor), link.unit_id);
    // A replaced link must not be printed again: its posters would lead nowhere.
    if (link.active !== 1) throw inactiveError();
    const url = publicUrl(link.token);
    if (format === 'svg') return qrSvg(url);
    if (format === 'png') return qrPng(url);
    const campaign = await loadCampaign(link.campaign_id);
    return posterPdf({
      url,
      unitName: link.unit_name,
      serviceName: link.service_name ?? null,
      campaignName: campaign.name,
      locale,
      resultsUrl: `${publicBase()}/hasil/${encodeURIComponent(link.unit_code)}`,
    });
  }

  return { generateMissing, list, generate, regenerate, render, publicUrl };
}

const inactiveError = () =>
  new AppError(AppErrorCode.INVALID_STATE, t('id', 'surveys.link.inactive'), { messageKey: 'surveys.link.inactive' });
const closedError = () =>
  new AppError(AppErrorCode.INVALID_STATE, t('id', 'surveys.link.campaignClosed'), { messageKey: 'surveys.link.campaignClosed' });

export type LinkService = ReturnType<typeof createLinkService>;
