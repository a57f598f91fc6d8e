import type { FastifyReply } from 'fastify';
import { ImportStartedDto, JobDto, JobIdParams } from '../../modules/responses/import.schema.ts';
import { CampaignUnitParams, PaperResponseBody } from '../../modules/responses/paper-entry.schema.ts';
import { SubmitResultDto } from '../../modules/responses/response.schema.ts';
import { t } from '../../shared/i18n/index.ts';
import { AppError, AppErrorCode } from '../app-error.ts';
import { downloadHeaders } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const tags = ['responses'];
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const paper = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/units/:unitId/paper-responses',
  summary:
    'Enter one paper questionnaire (unit_operator): channel paper_entry, submittedAt = the date on the form, blanks allowed per question',
  tags,
  params: CampaignUnitParams,
  body: PaperResponseBody,
  response: SubmitResultDto,
  handler: async ({ actor, params, body, locale, reply, deps }) => {
    const result = await deps.services.paperEntry.enter(actor, params.id, params.unitId, body, locale);
    reply.code(result.replayed ? 200 : 201);
    return result;
  },
});

const attachment = (reply: FastifyReply, type: string, filename: string) => downloadHeaders(reply, type, filename);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const templateXlsx = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/import-template.xlsx',
  summary: 'Import template (XLSX): header row, one example row, and a sheet explaining every column and code',
  tags,
  params: CampaignUnitParams,
  produces: XLSX,
  handler: async ({ actor, params, locale, reply, deps }) => {
    const body = await deps.services.responseImport.template(actor, params.id, params.unitId, 'xlsx', locale);
    attachment(reply, XLSX, 'template-impor-skm.xlsx');
    return body;
  },
});

const templateCsv = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/import-template.csv',
  summary: 'Import template (CSV, UTF-8 with BOM): header row and one example row',
  tags,
  params: CampaignUnitParams,
  produces: 'text/csv',
  handler: async ({ actor, params, locale, reply, deps }) => {
    const body = await deps.services.responseImport.template(actor, params.id, params.unitId, 'csv', locale);
    attachment(reply, 'text/csv; charset=utf-8', 'template-impor-skm.csv');
    return body;
  },
});

const startImport = defineRoute({
  method: 'POST',
  url: '/api/v1/campaigns/:id/units/:unitId/imports',
  summary:
    'Import paper questionnaires from CSV or XLSX (multipart `file`): 202 {jobId}; every row is checked first, then all rows or none are stored',
  tags,
  params: CampaignUnitParams,
  response: ImportStartedDto,
  successStatus: 202,
  handler: async ({ req, actor, params, locale, deps }) => {
    let file: { bytes: Buffer; fileName: string } | null = null;
    if (req.isMultipart()) {
      for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })) {
        if (part.type !== 'file') continue;
        try {
          file = { bytes: await part.toBuffer(), fileName: part.filename };
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, t('id', 'error.payloadTooLarge'), {
              messageKey: 'error.payloadTooLarge',
            });
          }
          throw err;
        }
      }
    }
    return deps.services.responseImport.start(actor, params.id, params.unitId, file, locale);
  },
});

const job = defineRoute({
  method: 'GET',
  url: '/api/v1/jobs/:id',
  summary:
    'A background job (e.g. an import): status queued|running|succeeded|failed, progress 0–100, errors {row, column, message}',
  tags: ['jobs'],
  params: JobIdParams,
  response: JobDto,
  handler: ({ actor, params, locale, deps }) => deps.services.responseImport.getJob(actor, params.id, locale),
});

export const responsesImportRoutes: AnyRoute[] = [paper, templateXlsx, templateCsv, startImport, job];
