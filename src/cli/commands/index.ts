import type { CliCommand } from '../command.ts';
import { auditCommand } from './audit.ts';
import { backupCommand } from './backup.ts';
import { migrateCommand } from './migrate.ts';
import { perceptionIndexCommand } from './perception-index.ts';
import { performanceCommand } from './performance.ts';
import { retentionCommand } from './retention.ts';
import { sampleSizeCommand } from './sample-size.ts';
import { skmIndexCommand } from './skm-index.ts';

export const commands: CliCommand[] = [
  skmIndexCommand,
  sampleSizeCommand,
  perceptionIndexCommand,
  performanceCommand,
  auditCommand,
  backupCommand,
  migrateCommand,
  retentionCommand,
];
