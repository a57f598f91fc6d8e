import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: '(belum tersedia) migrate',
  usage: 'mutu migrate',
  examples: ['mutu migrate --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
