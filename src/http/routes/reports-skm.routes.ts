import type { FastifyReply } from 'fastify';
import {
  HolidayBody,
  HolidayDto,
  HolidayListDto,
  HolidayParams,
  HolidayQuery,
  HolidayRemovalBody,
  HolidayRemovedDto,
} from '../../modules/reports/holidays.schema.ts';
import { MEDIA_TYPES } from '../../modules/reports/skm-unit/skm-unit.service.ts';
import { UnitResultsParams } from '../../modules/results/results.schema.ts';
import { sendDownload } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['reports'];

const send = (reply: FastifyReply, file: { buffer: Buffer; filename: string; mediaType: string }) =>
  sendDownload(reply, { body: file.buffer, filename: file.filename, mediaType: file.mediaType });

const laporanPdf = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/laporan-skm.pdf',
  summary:
    'Laporan Pelaksanaan SKM of one unit as an A4 PDF (DOMAIN 5.13.1): figures from the results service (snapshot when closed, else provisional), the unit’s written sections, recorded as an issued document. The unit’s own roles, skm_coordinator, inspectorate, executive_viewer.',
  tags,
  params: UnitResultsParams,
  produces: MEDIA_TYPES.pdf,
  handler: async ({ reply, actor, params, locale, deps }) =>
    send(reply, await deps.services.skmUnitReport.generate(actor, params.id, params.unitId, 'pdf', locale)),
});

const laporanDocx = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/laporan-skm.docx',
  summary: 'The same Laporan Pelaksanaan SKM as an editable Word document (DOCX).',
  tags,
  params: UnitResultsParams,
  produces: MEDIA_TYPES.docx,
  handler: async ({ reply, actor, params, locale, deps }) =>
    send(reply, await deps.services.skmUnitReport.generate(actor, params.id, params.unitId, 'docx', locale)),
});

const holidays = defineRoute({
  method: 'GET',
  url: '/api/v1/holidays',
  summary:
    'Holiday calendar behind the working days of the report timeline: national holidays and cuti bersama (vendored 2024–2026, then kept by the SKM coordinator), plus a unit’s regional holidays with unitId.',
  tags,
  query: HolidayQuery,
  response: HolidayListDto,
  handler: ({ actor, query, deps }) => deps.services.holidays.list(actor, query),
});

const addHoliday = defineRoute({
  method: 'POST',
  url: '/api/v1/holidays',
  summary: 'Adds a holiday (skm_coordinator): national without unitId, regional with it. Audited.',
  tags,
  body: HolidayBody,
  response: HolidayDto,
  successStatus: 201,
  handler: ({ actor, body, locale, deps }) => deps.services.holidays.add(actor, body, locale),
});

const removeHoliday = defineRoute({
  method: 'POST',
  url: '/api/v1/holidays/:id/removal',
  summary: 'Removes a holiday from the calendar (skm_coordinator) with a reason; the audit event keeps the removed row.',
  tags,
  params: HolidayParams,
  body: HolidayRemovalBody,
  response: HolidayRemovedDto,
  handler: ({ actor, params, body, deps }) => deps.services.holidays.remove(actor, params.id, body.reason),
});

export const reportsSkmRoutes: AnyRoute[] = [laporanPdf, laporanDocx, holidays, addHoliday, removeHoliday];
