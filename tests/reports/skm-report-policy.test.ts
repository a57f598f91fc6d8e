import { describe, expect, it } from 'vitest';
import { isLate, readinessChecks } from '../../src/modules/reports/skm-report.policy.ts';

/** The submission rule of DOMAIN 5.12.3 and the late flag, as pure functions. */
describe('report readiness', () => {
  const services = [
    { unitServiceId: 's1', serviceName: 'Pengujian', target: 10, valid: 10 },
    { unitServiceId: 's2', serviceName: 'Pengaduan', target: 18, valid: 12 },
    { unitServiceId: 's3', serviceName: 'Impor', target: 0, valid: 3 },
  ];
  const base = {
    statementUploaded: true,
    validityMatrix: 'submitted' as const,
    invalidResponses: 2,
    services,
    justified: new Set(['s2']),
  };

  it('is ready when the statement, the matrix and every needed justification are there', () => {
    const checks = readinessChecks(base);
    expect(checks.every((c) => c.ok)).toBe(true);
    // Only the service short of its target (s2) needs a justification.
    expect(checks.map((c) => c.code)).toEqual(['statement', 'validityMatrix', 'shortfallJustification']);
    expect(checks[2]).toMatchObject({ unitServiceId: 's2', params: { shortfall: 6, target: 18, valid: 12 } });
  });

  it('lists every missing item', () => {
    const checks = readinessChecks({ ...base, statementUploaded: false, validityMatrix: 'pending', justified: new Set() });
    expect(checks.filter((c) => !c.ok).map((c) => c.messageKey)).toEqual([
      'skmReport.check.statement.missing',
      'skmReport.check.matrix.missing',
      'skmReport.check.justification.missing',
    ]);
  });

  it('accepts NIHIL only while there is no invalid response', () => {
    const nihil = (n: number) => readinessChecks({ ...base, validityMatrix: 'nihil', invalidResponses: n })[1];
    expect(nihil(0)).toMatchObject({ ok: true, messageKey: 'skmReport.check.matrix.nihil' });
    expect(nihil(1)).toMatchObject({ ok: false, messageKey: 'skmReport.check.matrix.nihilContradicted', params: { n: 1 } });
  });

  it('flags a draft late only after the deadline day; submitted reports and missing deadlines never', () => {
    expect(isLate('draft', '2024-07-31', '2024-07-31')).toBe(false);
    expect(isLate('draft', '2024-07-31', '2024-08-01')).toBe(true);
    expect(isLate('submitted', '2024-07-31', '2024-08-01')).toBe(false);
    expect(isLate('accepted', '2024-07-31', '2024-12-01')).toBe(false);
    expect(isLate('draft', null, '2030-01-01')).toBe(false);
  });
});
