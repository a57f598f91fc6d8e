import { describe, expect, it } from 'vitest';
import { checkTimelines } from './metrics.ts';
import { parseTimeline, timelineDate } from './timeline.ts';

describe('parseTimeline', () => {
  it.each([
    ['01/01/2022', '2022-01-01'],
    ['1/6/2022', '2022-06-01'],
    ['31-12-2021', '2021-12-31'],
    ['31.10.2021', '2021-10-31'],
    ['2022-08-12', '2022-08-12'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('%s -> %s', (raw, date) => {
    const t = parseTimeline(raw);
    expect(t.kind).toBe('date');
    expect(timelineDate(t)).toBe(date);
  });

  it.each([
    ['TW 4 2022', 4, '2022-12-31'],
    ['TW IV 2022', 4, '2022-12-31'],
    ['tw2 2023', 2, '2023-06-30'],
    ['Triwulan III Tahun 2022', 3, '2022-09-30'],
    ['TW I 2022', 1, '2022-03-31'],
  ])('quarter %s', (raw, quarter, date) => {
    const t = parseTimeline(raw);
    expect(t).toMatchObject({ kind: 'quarter', quarter, date });
  });

  it.each([null, undefined, '', '  ', '-'])('missing: %s', (raw) => {
    expect(parseTimeline(raw).kind).toBe('missing');
  });

  it.each(['31/12/202', '31/02/2022', '00/01/2022', '12/13/2022', 'akhir tahun', 'TW 5 2022', '2022-02-30'])(
    'malformed %s is reported, not thrown',
    (raw) => {
      const t = parseTimeline(raw);
      expect(t.kind).toBe('invalid');
      expect(t.kind === 'invalid' && t.message).toContain(raw);
      expect(timelineDate(t)).toBeNull();
    },
  );
});

describe('checkTimelines (D35)', () => {
  const base = { unitId: 'u', recommendationNo: 3, elementCodes: ['U1'] };
  it('overdue only when Open and the timeline (a quarter ends on its last day) is before the cutoff', () => {
    const checks = checkTimelines(
      [
        { ...base, timeline: 'TW 2 2022', status: 'open' },
        { ...base, timeline: 'TW 3 2022', status: 'open' },
        { ...base, timeline: '11/08/2022', status: 'open' },
        { ...base, timeline: '12/08/2022', status: 'open' },
        { ...base, timeline: '01/01/2022', status: 'close' },
        { ...base, timeline: '01/01/2022', status: 'unevaluated' },
      ],
      '2022-08-12',
    );
    expect(checks.map((c) => c.overdue)).toEqual([true, false, true, false, false, false]);
  });

  it('dates before the basis survey year are warned', () => {
    const [c] = checkTimelines([{ ...base, timeline: '31/12/2020', status: 'close' }], '2022-08-12', { basisYear: 2021 });
    expect(c?.warning?.code).toBe('timeline_before_basis_year');
  });
});
