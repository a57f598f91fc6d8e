import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sendDownload } from '../../src/http/download.ts';

describe('file downloads', () => {
  it('never lets shared caches keep a file, keeps the type, and survives quotes and non-ASCII unit names', async () => {
    const app = Fastify();
    app.get('/f', (_req, reply) =>
      sendDownload(reply, { body: Buffer.from('isi'), filename: 'laporan "Sulawesi" – Palu.pdf', mediaType: 'application/pdf' }),
    );
    const res = await app.inject({ method: 'GET', url: '/f' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('isi');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const cd = String(res.headers['content-disposition']);
    // The quoted fallback holds no quote and no non-ASCII byte; the exact name is in filename*.
    expect(cd).toBe(
      `attachment; filename="laporan _Sulawesi_ _ Palu.pdf"; filename*=UTF-8''${encodeURIComponent('laporan "Sulawesi" – Palu.pdf')}`,
    );
    await app.close();
  });
});
