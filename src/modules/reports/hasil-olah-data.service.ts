import type { Locale } from '../../shared/i18n/index.ts';
import type { Actor } from '../auth/actor.ts';
import type { ResultsService } from '../results/results.service.ts';
import type { ServiceContext } from '../service-context.ts';
import { buildHasilOlahData, type HodGrade, type HodResponse } from './excel/hasil-olah-data.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Hasil Olah Data SKM of one unit (DOMAIN 5.13.1 Lampiran 2). Visibility, the figures and the masking
 * of personal fields all come from the results service, i.e. the same rules as the dashboard and
 * the raw-data export: a unit outside the reader's scope is a 404, and names, phones and institutions
 * are masked for roles that may not read them.
 */
export function createHasilOlahDataService(_ctx: ServiceContext, deps: { results: ResultsService }) {
  async function generate(actor: Actor, campaignId: string, unitId: string, locale: Locale) {
    const figures = await deps.results.unitFigures(actor, campaignId, unitId);
    const { campaign, profile, scope } = figures;
    const gradeOf = (code: string | null): HodGrade | null => {
      if (!code) return null;
      const band = profile.gradeTable.bands.find((b) => b.code === code);
      return { code, label: (locale === 'en' ? band?.labelEn : undefined) ?? band?.label ?? code };
    };
    // Counted responses through the same list (and masking) as the responses page.
    const responses: HodResponse[] = [];
    let masked = false;
    for (let page = 1; ; page++) {
      const list = await deps.results.listResponses(actor, campaignId, unitId, { validity: 'valid', page, pageSize: 200 });
      masked = list.personalMasked;
      for (const r of list.items) if (r.counted) responses.push({ ...r, serviceId: r.unitServiceId });
      if (page * 200 >= list.total || !list.items.length) break;
    }
    const { buffer } = await buildHasilOlahData({
      locale,
      year: campaign.year,
      unitName: scope.unit.name,
      timeZone: scope.unit.timeZone,
      profile,
      masked,
      services: scope.services.map((s) => ({ id: s.unitServiceId, name: s.serviceName, grade: gradeOf(s.figures.gradeCode) })),
      unitGrade: gradeOf(scope.figures.gradeCode),
      responses,
    });
    const safe = `${scope.unit.code}-${campaign.year}`.replace(/[^\w.-]+/g, '_');
    return { buffer, filename: `hasil-olah-data-skm-${safe}.xlsx`, mediaType: XLSX_MEDIA_TYPE };
  }
  return { generate };
}

export type HasilOlahDataService = ReturnType<typeof createHasilOlahDataService>;
