/** The Inspectorate's side of RTL (issue 6): dashboard, cycles, Lampiran 1/2 with downloads, effectiveness. */
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type Cycle, Downloads, rtlCan, TableWrap } from './common.tsx';

interface Dashboard {
  cycle: Cycle | null;
  today?: string;
  byUnitType: { unitType: string; units: number; jra: number; closed: number; pct: string | null }[];
  byElement: { code: string; name: string | null; actions: number; closed: number; open: number; pct: string | null }[];
  byRecommendation: { number: number; type: string; actions: number; closed: number; pct: string | null }[];
  openReasons: { reasonCode: string; count: number }[];
  overdue: { actionId: string; unitName: string; actionText: string; timeline: string | null; reasonCode: string | null }[];
}

interface Lampiran1 {
  cycle: Cycle;
  dataPer: string;
  frozen: boolean;
  rows: {
    no: number;
    unitId: string;
    unitName: string;
    unitType: string;
    jr: number;
    jru: number;
    jra: number;
    closed: number;
    pctDisplay: string;
    keterangan: string;
  }[];
  total: { jr: number; jru: number; jra: number; closed: number; pctDisplay: string };
  appreciation: { unitType: string; units: { unitId: string; name: string }[] }[];
  followUp: { unitType: string; units: { unitId: string; name: string }[] }[];
}

interface Lampiran2 {
  units: {
    no: number;
    unitId: string;
    unitName: string;
    recommendations: {
      number: number;
      text: string;
      actions: {
        actionId: string;
        heading: string;
        actionText: string;
        timeline: string | null;
        statusLabel: string;
        note: string | null;
        overdue: boolean;
      }[];
    }[];
  }[];
}

interface Effectiveness {
  basisYear: number;
  nextYear: number;
  counts: Record<string, number>;
  elements: {
    unitId: string;
    unitName: string;
    elementCode: string;
    elementName: string | null;
    beforeDisplay: string;
    afterDisplay: string;
    deltaDisplay: string;
    verdict: string;
  }[];
  notImproved: {
    actionId: string;
    unitName: string;
    recommendationNo: number | null;
    actionText: string;
    evaluationStatus: string | null;
    elements: { elementCode: string; beforeDisplay: string; afterDisplay: string; deltaDisplay: string; verdict: string }[];
  }[];
}

const pct = (v: string | null) => (v === null ? '-' : v.replace('.', ','));

export function MonitoringPage() {
  const { t } = useI18n();
  const me = useMe();
  useTitle(t('web.rtl.monitoring.title'));
  const cycles = useApi<{ cycles: Cycle[] }>('/monitoring-cycles');
  const [cycleId, setCycleId] = useState('');
  const dash = useApi<Dashboard>('/rtl/dashboard', cycleId ? { cycleId } : undefined);
  const d = dash.data;
  return (
    <>
      <h1>{t('web.rtl.monitoring.title')}</h1>
      <LoadError error={cycles.error ?? dash.error} />
      <h2>{t('web.rtl.monitoring.cycles')}</h2>
      {cycles.loading && !cycles.data ? <Loading /> : null}
      {cycles.data && !cycles.data.cycles.length ? <p>{t('web.rtl.monitoring.noCycles')}</p> : null}
      {cycles.data?.cycles.length ? (
        <ul>
          {cycles.data.cycles.map((c) => (
            <li key={c.id}>
              <Link to={`/app/rtl/siklus/${c.id}`}>{c.name}</Link> · {t(`web.rtl.cycle.status.${c.status}`)} ·{' '}
              {t('web.rtl.cycle.dataPer', { date: c.cutoffDate })}
            </li>
          ))}
        </ul>
      ) : null}
      {rtlCan.evaluate(me) ? <CycleForm onCreated={cycles.reload} /> : null}
      {d?.cycle ? (
        <>
          <Field label={t('web.rtl.evaluation.cycle')} name="dashboardCycle">
            {(p) => (
              <select {...p} value={cycleId || d.cycle?.id} onChange={(e) => setCycleId(e.target.value)}>
                {cycles.data?.cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h2>{t('web.rtl.monitoring.byUnitType')}</h2>
          <SimpleTable
            head={[
              t('web.rtl.col.unitType'),
              t('web.rtl.col.units'),
              t('web.rtl.col.jra'),
              t('web.rtl.col.closed'),
              t('web.rtl.col.pct'),
            ]}
            rows={d.byUnitType.map((g) => [g.unitType, g.units, g.jra, g.closed, pct(g.pct)])}
          />
          <h2>{t('web.rtl.monitoring.byElement')}</h2>
          <SimpleTable
            head={[t('web.rtl.col.element'), t('web.rtl.col.jra'), t('web.rtl.col.closed'), 'Open', t('web.rtl.col.pct')]}
            rows={d.byElement.map((g) => [`${g.code}${g.name ? ` ${g.name}` : ''}`, g.actions, g.closed, g.open, pct(g.pct)])}
          />
          <h2>{t('web.rtl.monitoring.byRecommendation')}</h2>
          <SimpleTable
            head={[t('web.rtl.col.recommendation'), t('web.rtl.col.jra'), t('web.rtl.col.closed'), t('web.rtl.col.pct')]}
            rows={d.byRecommendation.map((g) => [g.number, g.actions, g.closed, pct(g.pct)])}
          />
          <h2>{t('web.rtl.monitoring.openReasons')}</h2>
          <SimpleTable
            head={[t('web.rtl.col.reason'), t('web.rtl.col.count')]}
            rows={d.openReasons.map((r) => [t(`web.rtl.reason.${r.reasonCode}`), r.count])}
          />
          <h2>{t('web.rtl.monitoring.overdue')}</h2>
          {d.overdue.length ? (
            <SimpleTable
              head={[t('web.rtl.col.unit'), t('web.rtl.col.action'), t('web.rtl.col.timeline'), t('web.rtl.col.reason')]}
              rows={d.overdue.map((o) => [
                o.unitName,
                o.actionText,
                o.timeline ?? '-',
                o.reasonCode ? t(`web.rtl.reason.${o.reasonCode}`) : '-',
              ])}
            />
          ) : (
            <p>{t('web.rtl.monitoring.noOverdue')}</p>
          )}
          <EffectivenessSection basisYear={d.cycle.basisYear} />
        </>
      ) : null}
    </>
  );
}

function SimpleTable({ head, rows, label }: { head: string[]; rows: (string | number)[][]; label?: string }) {
  return (
    <TableWrap label={label ?? head.join(', ')}>
      <table className="compact">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static rows of a report table
            <tr key={i}>
              {r.map((c, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static cells
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function CycleForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const save = useAction();
  const year = new Date().getFullYear();
  const [v, setV] = useState({
    name: '',
    year: String(year),
    semester: '1',
    basisYear: String(year - 1),
    assignmentLetterNo: '',
    assignmentLetterDate: '',
    cutoffDate: '',
    leader: '',
  });
  const [ok, setOk] = useState(false);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOk(false);
    const r = await save.run(() =>
      post('/monitoring-cycles', {
        name: v.name,
        year: Number(v.year),
        semester: Number(v.semester),
        basisYear: Number(v.basisYear),
        ...(v.assignmentLetterNo ? { assignmentLetterNo: v.assignmentLetterNo } : {}),
        ...(v.assignmentLetterDate ? { assignmentLetterDate: v.assignmentLetterDate } : {}),
        cutoffDate: v.cutoffDate,
        team: v.leader ? [{ name: v.leader, role: 'ketua_tim' }] : [],
      }),
    );
    if (r) {
      setOk(true);
      onCreated();
    }
  };
  return (
    <details className="card">
      <summary>{t('web.rtl.cycle.new')}</summary>
      <form onSubmit={submit} noValidate className="grid-form">
        <ErrorSummary error={save.error} />
        {ok && !save.error ? <Notice kind="success">{t('web.rtl.cycle.created')}</Notice> : null}
        <Field label={t('web.rtl.cycle.name')} name="name" error={save.error} required>
          {(p) => <input {...p} value={v.name} onChange={set('name')} />}
        </Field>
        <Field label={t('web.rtl.cycle.year')} name="year" error={save.error} required>
          {(p) => <input {...p} type="number" value={v.year} onChange={set('year')} />}
        </Field>
        <Field label={t('web.rtl.cycle.semester')} name="semester" error={save.error}>
          {(p) => (
            <select {...p} value={v.semester} onChange={set('semester')}>
              <option value="1">I</option>
              <option value="2">II</option>
            </select>
          )}
        </Field>
        <Field label={t('web.rtl.cycle.basisYear')} name="basisYear" error={save.error} required>
          {(p) => <input {...p} type="number" value={v.basisYear} onChange={set('basisYear')} />}
        </Field>
        <Field label={t('web.rtl.cycle.letter')} name="assignmentLetterNo" error={save.error}>
          {(p) => <input {...p} value={v.assignmentLetterNo} onChange={set('assignmentLetterNo')} />}
        </Field>
        <Field label={t('web.rtl.cycle.letterDate')} name="assignmentLetterDate" error={save.error}>
          {(p) => <input {...p} type="date" value={v.assignmentLetterDate} onChange={set('assignmentLetterDate')} />}
        </Field>
        <Field label={t('web.rtl.cycle.cutoff')} name="cutoffDate" error={save.error} required>
          {(p) => <input {...p} type="date" value={v.cutoffDate} onChange={set('cutoffDate')} />}
        </Field>
        <Field label={t('web.rtl.cycle.leader')} name="team" error={save.error}>
          {(p) => <input {...p} value={v.leader} onChange={set('leader')} />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={save.busy}>
          {t('web.rtl.cycle.create')}
        </button>
      </form>
    </details>
  );
}

export function CyclePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const l1 = useApi<Lampiran1>(`/monitoring-cycles/${id}/lampiran-1`);
  const l2 = useApi<Lampiran2>(`/monitoring-cycles/${id}/lampiran-2`);
  const move = useAction();
  const c = l1.data?.cycle;
  useTitle(c?.name ?? t('web.rtl.monitoring.cycles'));
  if (l1.error) return <LoadError error={l1.error} />;
  if (!l1.data || !c) return <Loading />;
  const base = `/api/v1/monitoring-cycles/${id}/report`;
  const transition = async (to: string) => {
    const r = await move.run(() => post(`/monitoring-cycles/${id}/transition`, { to }));
    if (r) {
      l1.reload();
      l2.reload();
    }
  };
  const count = (groups: Lampiran1['appreciation']) => groups.reduce((n, g) => n + g.units.length, 0);
  return (
    <>
      <p>
        <Link to="/app/rtl/monitoring">{t('web.rtl.back')}</Link>
      </p>
      <h1>{c.name}</h1>
      <p>
        {t(`web.rtl.cycle.status.${c.status}`)} · {t('web.rtl.cycle.dataPer', { date: l1.data.dataPer })} ·{' '}
        {l1.data.frozen ? t('web.rtl.cycle.frozen') : t('web.rtl.cycle.live')}
      </p>
      <ErrorSummary error={move.error} />
      {rtlCan.evaluate(me) && c.nextStatuses.length ? (
        <div className="actions">
          {c.nextStatuses.map((s) => (
            <button key={s} type="button" className="btn btn-secondary" disabled={move.busy} onClick={() => transition(s)}>
              {t('web.rtl.cycle.to', { status: t(`web.rtl.cycle.status.${s}`) })}
            </button>
          ))}
        </div>
      ) : null}
      <h2>{t('web.rtl.cycle.downloads')}</h2>
      <Downloads
        links={[
          ...(rtlCan.monitor(me)
            ? [
                { href: `${base}?format=pdf`, label: t('web.rtl.download.reportPdf') },
                { href: `${base}?format=docx`, label: t('web.rtl.download.reportDocx') },
              ]
            : []),
          { href: `${base}?format=pdf&part=lampiran1`, label: t('web.rtl.download.l1Pdf') },
          { href: `${base}?format=docx&part=lampiran1`, label: t('web.rtl.download.l1Docx') },
          { href: `${base}?format=pdf&part=lampiran2`, label: t('web.rtl.download.l2Pdf') },
          { href: `${base}?format=docx&part=lampiran2`, label: t('web.rtl.download.l2Docx') },
        ]}
      />
      <h2>{t('web.rtl.cycle.lampiran1')}</h2>
      <TableWrap label={t('web.rtl.cycle.lampiran1')}>
        <table className="compact" aria-label={t('web.rtl.cycle.lampiran1')}>
          <thead>
            <tr>
              <th scope="col">{t('web.rtl.col.no')}</th>
              <th scope="col">{t('web.rtl.col.unit')}</th>
              <th scope="col">{t('web.rtl.col.jr')}</th>
              <th scope="col">{t('web.rtl.col.jru')}</th>
              <th scope="col">{t('web.rtl.col.jra')}</th>
              <th scope="col">{t('web.rtl.col.closed')}</th>
              <th scope="col">{t('web.rtl.col.pct')}</th>
              <th scope="col">{t('web.rtl.col.keterangan')}</th>
            </tr>
          </thead>
          <tbody>
            {l1.data.rows.map((r) => (
              <tr key={r.unitId}>
                <td>{r.no}</td>
                <td>
                  <Link to={`/app/rtl/unit/${r.unitId}`}>{r.unitName}</Link>
                </td>
                <td>{r.jr}</td>
                <td>{r.jru}</td>
                <td>{r.jra}</td>
                <td>{r.closed}</td>
                <td>{r.pctDisplay}</td>
                <td>{r.keterangan}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="rtl-total">
              <th scope="row" colSpan={2}>
                {t('web.rtl.cycle.total')}
              </th>
              <td>{l1.data.total.jr}</td>
              <td>{l1.data.total.jru}</td>
              <td>{l1.data.total.jra}</td>
              <td>{l1.data.total.closed}</td>
              <td>{l1.data.total.pctDisplay}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <h2>{t('web.rtl.cycle.appreciation', { n: count(l1.data.appreciation) })}</h2>
      <UnitGroups groups={l1.data.appreciation} />
      <h2>{t('web.rtl.cycle.followUpList', { n: count(l1.data.followUp) })}</h2>
      <UnitGroups groups={l1.data.followUp} />
      <h2>{t('web.rtl.cycle.lampiran2')}</h2>
      {l2.data ? (
        <TableWrap label={t('web.rtl.cycle.lampiran2')}>
          <table className="compact" aria-label={t('web.rtl.cycle.lampiran2')}>
            <thead>
              <tr>
                <th scope="col">{t('web.rtl.col.unit')}</th>
                <th scope="col">{t('web.rtl.col.recommendation')}</th>
                <th scope="col">{t('web.rtl.col.action')}</th>
                <th scope="col">{t('web.rtl.col.timeline')}</th>
                <th scope="col">{t('web.rtl.col.status')}</th>
                <th scope="col">{t('web.rtl.col.note')}</th>
              </tr>
            </thead>
            <tbody>
              {l2.data.units.flatMap((u) =>
                u.recommendations.flatMap((r) =>
                  r.actions.map((a) => (
                    <tr key={a.actionId}>
                      <td>{u.unitName}</td>
                      <td>{r.number}</td>
                      <td>
                        <strong>{a.heading}</strong> {a.actionText}
                      </td>
                      <td>
                        {a.timeline ?? '-'}
                        {a.overdue ? ` (${t('web.rtl.overdueFlag')})` : ''}
                      </td>
                      <td>{a.statusLabel}</td>
                      <td>{a.note ?? ''}</td>
                    </tr>
                  )),
                ),
              )}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <Loading />
      )}
    </>
  );
}

function UnitGroups({ groups }: { groups: Lampiran1['appreciation'] }) {
  return (
    <>
      {groups.map((g) => (
        <div key={g.unitType}>
          <h3>{g.unitType}</h3>
          <ul>
            {g.units.map((u) => (
              <li key={u.unitId}>{u.name}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** Effectiveness (issue 6 item 7): values before and after per element with actions; actions that did not help. */
export function EffectivenessSection({ basisYear, unitId }: { basisYear: number; unitId?: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(basisYear);
  const eff = useApi<Effectiveness>('/rtl/effectiveness', { basisYear: year, ...(unitId ? { unitId } : {}) });
  const e = eff.data;
  return (
    <section aria-labelledby="rtl-effectiveness">
      <h2 id="rtl-effectiveness">{t('web.rtl.effectiveness.title')}</h2>
      <p>{t('web.rtl.effectiveness.about')}</p>
      <Field label={t('web.rtl.effectiveness.basisYear')} name="effectivenessYear">
        {(p) => (
          <input
            {...p}
            type="number"
            min={2000}
            max={2100}
            value={year}
            onChange={(ev) => setYear(Number(ev.target.value) || basisYear)}
          />
        )}
      </Field>
      <LoadError error={eff.error} />
      {e ? (
        <>
          <p>{t('web.rtl.effectiveness.counts', e.counts as Record<string, number>)}</p>
          {e.elements.length ? (
            <SimpleTable
              head={[
                t('web.rtl.col.unit'),
                t('web.rtl.col.element'),
                t('web.rtl.col.before', { year: e.basisYear }),
                t('web.rtl.col.after', { year: e.nextYear }),
                t('web.rtl.col.change'),
                t('web.rtl.col.verdict'),
              ]}
              rows={e.elements.map((x) => [
                x.unitName,
                `${x.elementCode}${x.elementName ? ` ${x.elementName}` : ''}`,
                x.beforeDisplay,
                x.afterDisplay,
                x.deltaDisplay,
                t(`web.rtl.verdict.${x.verdict}`),
              ])}
            />
          ) : null}
          <h3>{t('web.rtl.effectiveness.notImproved')}</h3>
          {e.notImproved.length ? (
            <SimpleTable
              head={[
                t('web.rtl.col.unit'),
                t('web.rtl.col.action'),
                t('web.rtl.col.element'),
                t('web.rtl.col.change'),
                t('web.rtl.col.evaluation'),
              ]}
              rows={e.notImproved.map((a) => [
                a.unitName,
                a.actionText,
                a.elements.map((x) => `${x.elementCode} ${x.beforeDisplay} → ${x.afterDisplay}`).join('; '),
                a.elements.map((x) => `${x.deltaDisplay} (${t(`web.rtl.verdict.${x.verdict}`)})`).join('; '),
                a.evaluationStatus ? t(`web.rtl.eval.${a.evaluationStatus}`) : '-',
              ])}
            />
          ) : (
            <p>{t('web.rtl.effectiveness.noneNotImproved')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
