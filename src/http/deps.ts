import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { DbHandle } from '../db/connection.ts';
import type { Clock } from '../shared/clock.ts';
import type { Services } from './services.ts';

/** Everything a route or service needs, built once at start-up (tests build their own). */
export interface AppDeps {
  config: Config;
  dbh: DbHandle;
  clock: Clock;
  log: FastifyBaseLogger;
  services: Services;
}
