import { z } from 'zod';
import { pingDb } from '../../db/connection.ts';
import { migrationsCurrent } from '../../db/migrate.ts';
import { type AnyRoute, defineRoute } from '../route.ts';

const live = defineRoute({
  method: 'GET',
  url: '/healthz',
  summary: 'Liveness: the process answers',
  tags: ['operations'],
  auth: 'none',
  response: z.object({ status: z.literal('ok') }),
  handler: async () => ({ status: 'ok' as const }),
});

const ready = defineRoute({
  method: 'GET',
  url: '/readyz',
  summary: 'Readiness: database reachable and migrations current',
  tags: ['operations'],
  auth: 'none',
  response: z.object({ status: z.literal('ready'), engine: z.string() }),
  handler: async ({ deps, reply }) => {
    let reason: string | null = null;
    try {
      await pingDb(deps.dbh.db);
      if (!(await migrationsCurrent(deps.dbh.db))) reason = 'migrations pending';
    } catch (e) {
      reason = `database unreachable: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (reason) {
      reply.code(503).send({ status: 'not_ready', reason });
      return undefined;
    }
    return { status: 'ready' as const, engine: deps.dbh.engine };
  },
});

export const healthRoutes: AnyRoute[] = [live, ready];
