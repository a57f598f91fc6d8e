import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const perceptionIndexCommand: CliCommand = {
  name: 'perception-index',
  summary: '(belum tersedia) perception-index',
  usage: 'mutu perception-index',
  examples: ['mutu perception-index --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
