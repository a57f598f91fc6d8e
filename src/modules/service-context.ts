import type { Config } from '../config.ts';
import type { Db, Engine } from '../db/connection.ts';
import type { Clock } from '../shared/clock.ts';

/** What every module service is built from. */
export interface ServiceContext {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
}
