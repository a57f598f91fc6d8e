import {
  GraceSettingBody,
  GraceSettingDto,
  MonthParams,
  PerceptionMonthDto,
  PerceptionYearDto,
  RestateMonthBody,
  YearParams,
} from '../../modules/perception/perception.schema.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['perception'];
const base = '/api/v1/units/:unitId/perception-months/:year';

const listYear = defineRoute({
  method: 'GET',
  url: base,
  summary:
    'SPKP/SPAK months of a unit and year (DOMAIN 6.8): status open/closed/frozen (months close lazily when they end in the unit time zone), selection counts, IPP/IPAK (frozen snapshot or live) and the D23 worksheet value over frozen months',
  tags,
  params: YearParams,
  response: PerceptionYearDto,
  handler: ({ actor, params, locale, deps }) =>
    deps.services.perceptionMonths.listYear(actor, params.unitId, params.year, locale),
});

const close = defineRoute({
  method: 'POST',
  url: `${base}/:month/close`,
  summary: 'Close an ended month now (inspectorate); refused while the month still runs in the unit time zone',
  tags,
  params: MonthParams,
  response: PerceptionMonthDto,
  handler: ({ actor, params, locale, deps }) =>
    deps.services.perceptionMonths.close(actor, params.unitId, params.year, params.month, locale),
});

const freeze = defineRoute({
  method: 'POST',
  url: `${base}/:month/freeze`,
  summary:
    'Freeze a closed month after the cleansing grace period (inspectorate): stores the first-30 selection and IPP/IPAK at full precision as result snapshots; later cleansing that would change the month is refused',
  tags,
  params: MonthParams,
  response: PerceptionMonthDto,
  handler: ({ actor, params, locale, deps }) =>
    deps.services.perceptionMonths.freeze(actor, params.unitId, params.year, params.month, locale),
});

const restate = defineRoute({
  method: 'POST',
  url: `${base}/:month/restatements`,
  summary: 'Restatement of a frozen month (inspectorate, D30): a new snapshot version with a reason; frozen months never reopen',
  tags,
  params: MonthParams,
  body: RestateMonthBody,
  response: PerceptionMonthDto,
  successStatus: 201,
  handler: ({ actor, params, body, locale, deps }) =>
    deps.services.perceptionMonths.restate(actor, params.unitId, params.year, params.month, body.reason, locale),
});

const readGrace = defineRoute({
  method: 'GET',
  url: '/api/v1/perception/settings',
  summary: 'SPKP/SPAK programme settings: the cleansing grace period in days after a month ends (default 10)',
  tags,
  response: GraceSettingDto,
  handler: ({ actor, deps }) => deps.services.perceptionMonths.readGrace(actor),
});

const setGrace = defineRoute({
  method: 'PUT',
  url: '/api/v1/perception/settings',
  summary: 'Set the SPKP/SPAK cleansing grace period (inspectorate); audited',
  tags,
  body: GraceSettingBody,
  response: GraceSettingDto,
  handler: ({ actor, body, deps }) => deps.services.perceptionMonths.setGrace(actor, body.graceDays),
});

export const perceptionRoutes: AnyRoute[] = [listYear, close, freeze, restate, readGrace, setGrace];
