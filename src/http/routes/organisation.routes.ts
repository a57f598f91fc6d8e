import type { AnyRoute } from '../route.ts';

export const organisationRoutes: AnyRoute[] = [];
