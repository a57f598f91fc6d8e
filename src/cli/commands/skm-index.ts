import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const skmIndexCommand: CliCommand = {
  name: 'skm-index',
  summary: '(belum tersedia) skm-index',
  usage: 'mutu skm-index',
  examples: ['mutu skm-index --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
