import type { AnyRoute } from '../route.ts';
import { actionPlansRoutes } from './action-plans.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { cleansingRoutes } from './cleansing.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { historyRoutes } from './history.routes.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { organisationRoutes } from './organisation.routes.ts';
import { performanceRoutes } from './performance.routes.ts';
import { publicSurveyRoutes } from './public-survey.routes.ts';
import { responsesImportRoutes } from './responses-import.routes.ts';
import { resultsRoutes } from './results.routes.ts';
import { surveysRoutes } from './surveys.routes.ts';
import { usersRoutes } from './users.routes.ts';

export const allRoutes: AnyRoute[] = [
  ...healthRoutes,
  ...authRoutes,
  ...usersRoutes,
  ...organisationRoutes,
  ...performanceRoutes,
  ...auditRoutes,
  ...surveysRoutes,
  ...publicSurveyRoutes,
  ...resultsRoutes,
  ...cleansingRoutes,
  ...responsesImportRoutes,
  ...historyRoutes,
  ...actionPlansRoutes,
  ...notificationsRoutes,
];
