import type { AnyRoute } from '../route.ts';
import { actionPlansRoutes } from './action-plans.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { cleansingRoutes } from './cleansing.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { historyRoutes } from './history.routes.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { organisationRoutes } from './organisation.routes.ts';
import { perceptionRoutes } from './perception.routes.ts';
import { performanceRoutes } from './performance.routes.ts';
import { publicResultsRoutes } from './public-results.routes.ts';
import { publicSurveyRoutes } from './public-survey.routes.ts';
import { reportsCompilationRoutes } from './reports-compilation.routes.ts';
import { reportsDataRoutes } from './reports-data.routes.ts';
import { reportsSkmRoutes } from './reports-skm.routes.ts';
import { reportsWorkflowRoutes } from './reports-workflow.routes.ts';
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
  ...reportsCompilationRoutes,
  ...publicResultsRoutes,
  ...perceptionRoutes,
  ...reportsWorkflowRoutes,
  ...reportsSkmRoutes,
  ...reportsDataRoutes,
];
