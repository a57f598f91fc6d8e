import type { MessageBundle } from '../index.ts';

/** The polite page the public form answers when a client address exceeds its request limit (HTTP 429). */
export const publicRateLimitMessages: MessageBundle = {
  id: {
    'public.rateLimited.title': 'Mohon tunggu sebentar',
    'public.rateLimited.body':
      'Terlalu banyak permintaan dari jaringan Anda dalam waktu singkat. Silakan coba lagi dalam {seconds} detik.',
    'public.rateLimited.post':
      'Isian Anda belum tersimpan. Setelah menunggu, tekan tombol Kembali pada peramban dan kirim ulang formulir: jawaban Anda tidak akan tercatat dua kali.',
    'public.rateLimited.retry': 'Coba lagi',
  },
  en: {
    'public.rateLimited.title': 'Please wait a moment',
    'public.rateLimited.body': 'Too many requests from your network in a short time. Please try again in {seconds} seconds.',
    'public.rateLimited.post':
      'Your answers have not been saved yet. After waiting, press the browser Back button and send the form again: your answers will not be recorded twice.',
    'public.rateLimited.retry': 'Try again',
  },
};
