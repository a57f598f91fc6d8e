import type { MessageBundle } from '../index.ts';

export const commonMessages: MessageBundle = {
  id: {
    'error.validation': 'Data yang dikirim tidak valid',
    'error.notFound': '{what} tidak ditemukan',
    'error.routeNotFound': 'Alamat tidak ditemukan',
    'error.forbidden': 'Anda tidak berwenang melakukan tindakan ini',
    'error.unauthenticated': 'Silakan masuk terlebih dahulu',
    'error.rateLimited': 'Terlalu banyak permintaan, coba lagi dalam {seconds} detik',
    'error.internal': 'Terjadi kesalahan pada server',
    'error.badJson': 'Isi permintaan bukan JSON yang valid',
    'error.payloadTooLarge': 'Ukuran data terlalu besar',
    'error.unsupportedMedia': 'Jenis konten tidak didukung',
    'error.crossOrigin': 'Permintaan lintas situs ditolak',
    'error.conflict': 'Data bertentangan dengan data yang sudah ada',
  },
  en: {
    'error.validation': 'The submitted data is not valid',
    'error.notFound': '{what} not found',
    'error.routeNotFound': 'Route not found',
    'error.forbidden': 'You are not allowed to do this',
    'error.unauthenticated': 'Please log in first',
    'error.rateLimited': 'Too many requests, try again in {seconds} seconds',
    'error.internal': 'Internal server error',
    'error.badJson': 'The request body is not valid JSON',
    'error.payloadTooLarge': 'The request is too large',
    'error.unsupportedMedia': 'Unsupported content type',
    'error.crossOrigin': 'Cross-site request rejected',
    'error.conflict': 'The data conflicts with existing data',
  },
};
