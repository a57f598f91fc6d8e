import type { AnyRoute } from '../route.ts';

export const authRoutes: AnyRoute[] = [];
