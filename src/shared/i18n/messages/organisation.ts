import type { MessageBundle } from '../index.ts';

export const organisationMessages: MessageBundle = {
  id: {},
  en: {},
};
