import { XLSX_MEDIA_TYPE } from '../../modules/reports/hasil-olah-data.service.ts';
import { UnitResultsParams } from '../../modules/results/results.schema.ts';
import { sendDownload } from '../download.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const hasilOlahData = defineRoute({
  method: 'GET',
  url: '/api/v1/campaigns/:id/units/:unitId/hasil-olah-data.xlsx',
  summary:
    'Hasil Olah Data SKM of one unit (DOMAIN 5.13.1 Lampiran 2) as XLSX: the counted responses (personal fields masked unless the role may read them), the "Perhitungan Nilai SKM" sheet as live formulas over the response cells, and one sheet per service. A unit outside the reader’s scope is 404.',
  tags: ['reports'],
  params: UnitResultsParams,
  produces: XLSX_MEDIA_TYPE,
  handler: async ({ reply, actor, params, locale, deps }) => {
    const file = await deps.services.hasilOlahData.generate(actor, params.id, params.unitId, locale);
    return sendDownload(reply, { body: file.buffer, filename: file.filename, mediaType: file.mediaType });
  },
});

export const reportsDataRoutes: AnyRoute[] = [hasilOlahData];
