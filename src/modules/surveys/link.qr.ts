import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import { type Locale, t } from '../../shared/i18n/index.ts';
import { renderPdf } from '../../shared/pdf/pdfmake.ts';

/**
 * QR codes and the printable poster of a survey link (DOMAIN 5.3). They are derived from the URL on
 * every request and never stored (the URL is the secret; regenerating the link changes it).
 */

// Medium correction survives a smudged print while keeping the modules large on a cheap phone camera.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export const qrSvg = (url: string): Promise<string> => QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });

export const qrPng = (url: string, width = 1024): Promise<Buffer> => QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width });

export interface PosterInput {
  url: string;
  unitName: string;
  serviceName: string | null;
  campaignName: string;
  locale: Locale;
  /** The public results page of the unit (issue 5 item 6), printed under the link. */
  resultsUrl?: string;
}

export function posterDefinition(p: PosterInput): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 56],
    info: { title: `${t(p.locale, 'surveys.poster.title')} – ${p.unitName}`, creator: 'Mutu' },
    defaultStyle: { font: 'Roboto', fontSize: 14, color: '#1a1a1a' },
    content: [
      { text: t(p.locale, 'surveys.poster.title'), fontSize: 16, bold: true, alignment: 'center', color: '#0b5394' },
      { text: p.campaignName, fontSize: 12, alignment: 'center', margin: [0, 4, 0, 24] },
      { text: p.unitName, fontSize: 26, bold: true, alignment: 'center' },
      ...(p.serviceName
        ? [
            {
              text: p.serviceName,
              fontSize: 16,
              alignment: 'center' as const,
              margin: [0, 8, 0, 0] as [number, number, number, number],
            },
          ]
        : []),
      { text: t(p.locale, 'surveys.poster.callToAction'), fontSize: 18, alignment: 'center', margin: [0, 28, 0, 24] },
      { qr: p.url, fit: 300, eccLevel: 'M', alignment: 'center' },
      { text: t(p.locale, 'surveys.poster.orOpen'), fontSize: 12, alignment: 'center', margin: [0, 24, 0, 4] },
      { text: p.url, fontSize: 13, bold: true, alignment: 'center', link: p.url },
      { text: t(p.locale, 'surveys.poster.footer'), fontSize: 10, alignment: 'center', color: '#444444', margin: [0, 36, 0, 0] },
      ...(p.resultsUrl
        ? [
            {
              text: t(p.locale, 'reports.public.posterLine', { url: p.resultsUrl }),
              fontSize: 10,
              alignment: 'center' as const,
              color: '#444444',
              link: p.resultsUrl,
              margin: [0, 8, 0, 0] as [number, number, number, number],
            },
          ]
        : []),
    ],
  };
}

export async function posterPdf(p: PosterInput): Promise<Buffer> {
  return renderPdf(posterDefinition(p));
}
