import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: '(belum tersedia) audit',
  usage: 'mutu audit',
  examples: ['mutu audit --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
