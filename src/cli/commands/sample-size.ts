import { type CliCommand, CliError } from '../command.ts';

// Placeholder: implemented by its owning issue.
export const sampleSizeCommand: CliCommand = {
  name: 'sample-size',
  summary: '(belum tersedia) sample-size',
  usage: 'mutu sample-size',
  examples: ['mutu sample-size --help'],
  async run() {
    throw new CliError('Perintah ini belum tersedia');
  },
};
