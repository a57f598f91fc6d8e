import { HistoryListDto, HistorySkmBody, HistoryYearDto, UnitIdParams } from '../../modules/history/history.schema.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['history'];

const importSkm = defineRoute({
  method: 'POST',
  url: '/api/v1/history/skm',
  summary:
    'Enter the published SKM results of an earlier year for a unit (skm_coordinator): element values, unit index, IKM target; ' +
    'frozen as published; a second entry for the same year is a new version with a reason (restatement)',
  tags,
  body: HistorySkmBody,
  response: HistoryYearDto,
  successStatus: 201,
  handler: ({ actor, body, locale, deps }) => deps.services.history.importSkm(actor, body, locale),
});

const listSkm = defineRoute({
  method: 'GET',
  url: '/api/v1/units/:id/skm-history',
  summary: 'Published SKM results of a unit per year (newest version), with year-over-year changes (D19)',
  tags,
  params: UnitIdParams,
  response: HistoryListDto,
  handler: ({ actor, params, deps }) => deps.services.history.listSkm(actor, params.id),
});

export const historyRoutes: AnyRoute[] = [importSkm, listSkm];
