import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const backupCommand: CliCommand = {
  name: 'backup',
  summary: '(belum tersedia) backup',
  usage: 'mutu backup',
  examples: ['mutu backup --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
