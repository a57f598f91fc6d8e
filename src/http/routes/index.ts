import type { AnyRoute } from '../route.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { organisationRoutes } from './organisation.routes.ts';
import { surveysRoutes } from './surveys.routes.ts';
import { usersRoutes } from './users.routes.ts';

export const allRoutes: AnyRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...organisationRoutes,
  ...auditRoutes,
  ...surveysRoutes,
];
