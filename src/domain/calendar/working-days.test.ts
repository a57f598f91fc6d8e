import { describe, expect, it } from 'vitest';
import { dateOfDay, dayNumber, isWeekend, workingDays } from './working-days.ts';

describe('working days (BAB II 2.4)', () => {
  it('counts Monday to Friday, both ends inclusive', () => {
    // Mon 1 Apr 2024 – Fri 5 Apr 2024.
    expect(workingDays('2024-04-01', '2024-04-05')).toBe(5);
    // Mon – Sun: the weekend does not count.
    expect(workingDays('2024-04-01', '2024-04-07')).toBe(5);
    expect(workingDays('2024-04-06', '2024-04-07')).toBe(0);
    // One day: a weekday is 1, a Saturday 0.
    expect(workingDays('2024-04-03', '2024-04-03')).toBe(1);
    expect(workingDays('2024-04-06', '2024-04-06')).toBe(0);
  });

  it('skips holidays on weekdays only once, and ignores holidays outside the range or on weekends', () => {
    const h = ['2024-04-10', '2024-04-11', '2024-04-10', '2024-04-13', '2024-05-01', 'not-a-date'];
    // 8–12 Apr 2024: Idul Fitri on 10 and 11 April; 13 April is a Saturday anyway.
    expect(workingDays('2024-04-08', '2024-04-12', h)).toBe(3);
    expect(workingDays('2024-04-08', '2024-04-12')).toBe(5);
  });

  it('reproduces a whole collection window: 1 April – 30 June 2024 with the 2024 national holidays and cuti bersama', () => {
    const holidays2024 = [
      '2024-04-08',
      '2024-04-09',
      '2024-04-10',
      '2024-04-11',
      '2024-04-12',
      '2024-04-15',
      '2024-05-01',
      '2024-05-09',
      '2024-05-10',
      '2024-05-23',
      '2024-05-24',
      '2024-06-01',
      '2024-06-17',
      '2024-06-18',
    ];
    // 91 days = 13 full weeks → 65 weekdays; 1 June is a Saturday, so 13 holidays fall on weekdays.
    expect(workingDays('2024-04-01', '2024-06-30')).toBe(65);
    expect(workingDays('2024-04-01', '2024-06-30', holidays2024)).toBe(52);
  });

  it('crosses month and leap-year boundaries', () => {
    // Thu 29 Feb 2024 – Mon 4 Mar 2024.
    expect(workingDays('2024-02-28', '2024-03-04')).toBe(4);
    expect(workingDays('2023-12-29', '2024-01-02', ['2024-01-01'])).toBe(2);
  });

  it('answers null for invalid or reversed ranges instead of a negative count', () => {
    expect(workingDays('2024-04-05', '2024-04-01')).toBeNull();
    expect(workingDays('2024-02-30', '2024-03-01')).toBeNull();
    expect(workingDays('1 April 2024', '2024-04-05')).toBeNull();
  });

  it('round-trips day numbers and knows the weekend', () => {
    expect(dateOfDay(dayNumber('2024-08-17') as number)).toBe('2024-08-17');
    expect(isWeekend('2024-08-17')).toBe(true);
    expect(isWeekend('2024-08-19')).toBe(false);
    expect(() => isWeekend('2024-13-01')).toThrow(RangeError);
  });
});
