import { formatNumber } from '../../../domain/core/rounding.ts';
import { bandLabel, type PerceptionSurvey } from '../../../domain/perception/perception.ts';
import { addMonths, selectPerMonth } from '../../../domain/perception/selection.ts';
import { type InstrumentProfile, instrumentElements } from '../../../domain/profiles/profile.ts';
import { shippedProfile } from '../../../domain/profiles/shipped-profiles.ts';
import { respondentProfile } from '../../../domain/skm/respondent-profile.ts';
import { AppError, AppErrorCode, notFound } from '../../../http/app-error.ts';
import { isoNow } from '../../../shared/clock.ts';
import { maskInstitution, maskName } from '../../../shared/crypto/masking.ts';
import { createPersonalDataCrypto } from '../../../shared/crypto/personal-data.ts';
import { type Locale, t } from '../../../shared/i18n/index.ts';
import type { createPerceptionFollowupService } from '../../action-plans/perception-followup.service.ts';
import { requireRoleForUnit } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import type { OrganisationService } from '../../organisation/organisation.service.ts';
import { resultsPolicy } from '../../results/results.policy.ts';
import type { ResultsService } from '../../results/results.service.ts';
import type { ServiceContext } from '../../service-context.ts';
import * as campaignRepo from '../../surveys/campaign.repository.ts';
import { localDate } from '../../surveys/local-date.ts';
import { MEDIA_TYPES, type ReportFormat, renderDocument } from '../bpom/bpom.service.ts';
import { recordIssued } from '../bpom/issued.repository.ts';
import type { ReportDocument } from '../document/document.ts';
import { composePerceptionReport } from './perception-report.document.ts';
import {
  type InstrumentView,
  type PerceptionReportModel,
  type ProfileRowView,
  periodRange,
  periodText,
} from './perception-report.model.ts';
import * as repo from './perception-report.repository.ts';

type PerceptionFollowupService = ReturnType<typeof createPerceptionFollowupService>;
type NumDto = { value: number | null; display: string };
/** One survey's figures in a month of `results.perception` (keyed by survey code there). */
interface SurveyFigures {
  index: NumDto;
  converted: NumDto;
  band: { code: string; label: string } | null;
  elements: { code: string; name: string; index: NumDto; converted: NumDto; band: string | null }[];
  worksheet: { value: NumDto; monthsUsed: string[]; incomplete: boolean };
}
const figuresOf = (row: object | undefined, s: PerceptionSurvey): SurveyFigures | undefined =>
  row ? ((row as Record<string, unknown>)[s] as SurveyFigures | undefined) : undefined;

/** The unit's own roles and the inspectorate (owner of the SPKP/SPAK programme). */
export const PERCEPTION_REPORT_ROLES = ['unit_operator', 'unit_head', 'inspectorate'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Laporan Analisis SPKP dan SPAK (DOMAIN 6.9). Monthly indices, bands and the worksheet value come from
 * the results service's perception figures (the dashboard's), which apply the first-30 selection
 * (D8, D22) and D23; the profile and the annex use the same domain selection over the same rows.
 * A month not frozen by the inspectorate is printed as "Sementara".
 */
export function createPerceptionReportService(
  ctx: ServiceContext,
  deps: {
    results: ResultsService;
    perceptionFollowups: PerceptionFollowupService;
    organisation: Pick<OrganisationService, 'signatoryOn'>;
  },
) {
  const crypto = createPersonalDataCrypto(ctx.config.secretKey ?? '');

  async function campaignFor(unitId: string, year: number, month: number) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const rows = await repo.campaignsCovering(ctx.db, unitId, `${year}-${pad(month)}-01`, `${year}-${pad(month)}-${pad(last)}`);
    const usable = rows
      .map((r) => ({ r, profile: shippedProfile(r.profile_code) }))
      .filter((x): x is { r: (typeof rows)[number]; profile: InstrumentProfile } =>
        Boolean(x.profile && (x.profile.instruments.spkp || x.profile.instruments.spak)),
      );
    // A standalone SPKP/SPAK campaign wins over the integrated SKM form of the same month.
    usable.sort((a, b) => Number(b.r.kind === 'perception') - Number(a.r.kind === 'perception'));
    return usable[0] ?? null;
  }

  async function model(
    actor: Actor,
    unitId: string,
    year: number,
    month: number,
    locale: Locale,
  ): Promise<PerceptionReportModel> {
    const scope = await resultsPolicy.scope(ctx.db, actor);
    resultsPolicy.assertUnitVisible(scope, unitId);
    requireRoleForUnit(actor, PERCEPTION_REPORT_ROLES, unitId);
    const unit = await repo.findUnit(ctx.db, unitId);
    if (!unit) throw notFound('Unit');
    const found = await campaignFor(unitId, year, month);
    if (!found) {
      throw new AppError(AppErrorCode.NOT_FOUND, t('id', 'reports.perception.none'), { messageKey: 'reports.perception.none' });
    }
    const { r: campaign, profile } = found;
    const ym = `${year}-${pad(month)}`;
    const perception = await deps.results.perception(actor, campaign.id, unitId, { from: addMonths(ym, -2), to: ym }, locale);
    const monthRow = perception.months.find((m) => m.month === ym);

    // The same first-30 selection (domain) over the month's rows, for the profile and the annex.
    const rows = await repo.monthResponses(ctx.db, campaign.id, unitId, ym);
    const selection = selectPerMonth(
      rows.map((r) => ({
        ...r,
        submittedAt: Date.parse(r.submitted_at),
        seqNo: r.seq_no,
        completionPct: r.completion_pct ?? 0,
        valid: r.validity === 'valid',
      })),
      unit.time_zone,
    ).find((s) => s.month === ym);
    // A frozen month prints the respondents its freeze selected, whatever cleansing did since.
    const status = (await repo.monthStatus(ctx.db, unitId, year, month))?.status ?? null;
    const frozenRows = status === 'frozen' ? await repo.frozenSelection(ctx.db, unitId, year, month) : [];
    const selected = frozenRows.length ? frozenRows : (selection?.selected ?? []);
    const rp = respondentProfile(profile, selected, profile.perceptionAgeBands ?? profile.ageBands);
    const rowsView = (list: typeof rp.sex): ProfileRowView[] =>
      list.map((r) => ({ label: r.label[locale], count: r.count, pct: formatNumber(locale, r.pct) }));
    const optionLabel = (field: string, code: string | null) =>
      code === null
        ? '–'
        : (profile.respondentFields.find((f) => f.code === field)?.options?.find((o) => o.code === code)?.label[locale] ?? code);

    const clear = resultsPolicy.mayReadPersonal(actor, unitId);
    const dec = (v: string | null, col: 'full_name' | 'institution') => {
      if (v === null) return null;
      try {
        return crypto.decrypt(v, col);
      } catch {
        return null;
      }
    };
    const respondents = selected.map((r) => {
      const name = dec(r.full_name_enc, 'full_name');
      const inst = dec(r.institution_enc, 'institution');
      return {
        name: (clear ? name : maskName(name)) || '–',
        age: r.age === null ? '–' : String(r.age),
        sex: optionLabel('sex', r.sex),
        education: optionLabel('education', r.education),
        occupation: optionLabel('occupation', r.occupation),
        institution: (clear ? inst : maskInstitution(inst)) || '–',
      };
    });
    const suggestions = selected.map((r) => (r.suggestion ?? '').trim()).filter((s) => s !== '' && s !== '-' && s !== '–');

    const questionText = new Map(profile.questions.map((q) => [q.code, q.text[locale]]));
    const instruments: InstrumentView[] = [];
    for (const s of perception.surveys as PerceptionSurvey[]) {
      const fig = figuresOf(monthRow, s);
      const followup = await deps.perceptionFollowups.get(actor, { unitId, instrument: s, year, month });
      const defs = instrumentElements(profile, s);
      instruments.push({
        code: s,
        indexName: t(locale, `reports.perception.${s}.indexName`),
        index: fig?.index ?? { value: null, display: '–' },
        converted: fig?.converted ?? { value: null, display: '–' },
        band: fig?.band ?? null,
        elements: defs.map((d) => {
          const e = fig?.elements.find((x) => x.code === d.code);
          const band = e?.band ? profile.perceptionBands.bands.find((b) => b.code === e.band) : undefined;
          return {
            code: d.code,
            name: d.name[locale],
            question: d.questionCodes.map((q) => questionText.get(q) ?? q).join(' '),
            index: e?.index ?? { value: null, display: '–' },
            band: band ? bandLabel(band, s, locale) : null,
          };
        }),
        window: perception.months.map((m) => ({
          label: periodText(m.month, locale),
          index: figuresOf(m, s)?.index ?? { value: null, display: '–' },
        })),
        worksheet: {
          value: fig?.worksheet.value ?? { value: null, display: '–' },
          monthsUsed: fig?.worksheet.monthsUsed ?? [],
          incomplete: fig?.worksheet.incomplete ?? true,
        },
        followup: {
          state: followup.state,
          justification: followup.justification,
          actions: followup.actions.map((a) => ({
            elements: a.elements.map((e) => e.code).join(', '),
            actionText: a.actionText,
            timeline: a.timeline,
            pic: a.pic,
          })),
        },
      });
    }

    const generatedOn = localDate(ctx.clock.now(), unit.time_zone);
    const head = await deps.organisation.signatoryOn(unitId, generatedOn);
    const services = (await campaignRepo.targets(ctx.db, campaign.id, [unitId])).map((x) => x.service_name);
    return {
      locale,
      unit: { id: unit.id, name: unit.name },
      year,
      month,
      periodText: periodText(ym, locale),
      periodRange: periodRange(year, month, locale),
      provisional: status !== 'frozen',
      monthStatus: status,
      services,
      counts: {
        responses: monthRow?.responses ?? rows.length,
        eligible: monthRow?.eligible ?? selection?.eligible.length ?? 0,
        selected: monthRow?.selected ?? selected.length,
      },
      profile: {
        sex: rowsView(rp.sex),
        ageBand: rowsView(rp.ageBand),
        education: rowsView(rp.education),
        occupation: rowsView(rp.occupation),
      },
      instruments,
      suggestions,
      respondents,
      personalMasked: !clear,
      signatory: head ? { position: head.title, name: head.fullName, nip: head.nip } : null,
      generatedOn,
    };
  }

  async function compose(actor: Actor, unitId: string, year: number, month: number, locale: Locale): Promise<ReportDocument> {
    return composePerceptionReport(await model(actor, unitId, year, month, locale));
  }

  async function generate(actor: Actor, unitId: string, year: number, month: number, format: ReportFormat, locale: Locale) {
    const m = await model(actor, unitId, year, month, locale);
    const buffer = await renderDocument(composePerceptionReport(m), format);
    const filename = `laporan-spkp-spak-${year}-${pad(month)}${m.provisional ? '-sementara' : ''}.${format}`;
    await recordIssued(ctx.db, {
      kind: 'spkp_spak_monthly',
      format,
      campaignId: null,
      unitId,
      snapshotVersion: null,
      fileName: filename,
      buffer,
      createdBy: actor.userId,
      createdAt: isoNow(ctx.clock),
    });
    return { buffer, filename, mediaType: MEDIA_TYPES[format] };
  }

  return { model, compose, generate };
}

export type PerceptionReportService = ReturnType<typeof createPerceptionReportService>;
