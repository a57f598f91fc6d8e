/** Plain-text table for terminal output: the first column left-aligned, the others right-aligned unless `left` says otherwise. */
export function textTable(header: string[], rows: string[][], left: readonly number[] = [0]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => {
        const pad = (widths[i] as number) - [...c].length;
        return left.includes(i) ? c + ' '.repeat(pad) : ' '.repeat(pad) + c;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
