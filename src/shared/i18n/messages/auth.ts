import type { MessageBundle } from '../index.ts';

export const authMessages: MessageBundle = {
  id: {},
  en: {},
};
