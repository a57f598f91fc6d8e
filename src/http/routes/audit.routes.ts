import { AuditList, AuditListQuery, VerifyReport } from '../../modules/audit/audit.schema.ts';
import { t } from '../../shared/i18n/index.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const list = defineRoute({
  method: 'GET',
  url: '/api/v1/audit',
  summary: 'Audit trail, newest first (system_admin, inspectorate)',
  tags: ['audit'],
  query: AuditListQuery,
  response: AuditList,
  handler: async ({ deps, actor, query }) => deps.services.audit.list(actor, query),
});

const verify = defineRoute({
  method: 'GET',
  url: '/api/v1/audit/verify',
  summary: 'Verify every hash chain of the audit trail (system_admin, inspectorate)',
  tags: ['audit'],
  response: VerifyReport,
  handler: async ({ deps, actor, locale }) => {
    const report = await deps.services.audit.verifyAs(actor);
    return {
      ...report,
      problems: report.problems.map((p) => ({ ...p, message: t(locale, `audit.problem.${p.problem}`, { seq: p.seq }) })),
    };
  },
});

export const auditRoutes: AnyRoute[] = [list, verify];
