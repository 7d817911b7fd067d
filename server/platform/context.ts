import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db/index';
import type { Logger } from './logger';

/** What every module's use cases receive: the database, the one clock, the logger and the config. */
export interface AppContext {
  db: Db;
  clock: Clock;
  log: Logger;
  config: Config;
}
