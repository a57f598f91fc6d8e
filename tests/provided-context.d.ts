import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    hasPostgres: boolean;
    postgresUrl: string;
    hasChromium: boolean;
    chromiumPath: string;
    hasPoppler: boolean;
    hasSoffice: boolean;
  }
}
