import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const performanceCommand: CliCommand = {
  name: 'performance',
  summary: '(belum tersedia) performance',
  usage: 'mutu performance',
  examples: ['mutu performance --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
