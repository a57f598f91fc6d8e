/** The unit's side of RTL (issue 6): its recommendations and actions, what is due, entry, realisation, evidence. */
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { post, put } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import {
  type Action,
  type Assignment,
  type Cycle,
  Downloads,
  ELEMENTS,
  REASONS,
  rtlCan,
  TableWrap,
  unitIdsOf,
  uploadFile,
} from './common.tsx';
import { EffectivenessSection } from './monitoring.tsx';

interface UnitDashboard {
  today: string;
  total: number;
  byImplementation: Record<string, number>;
  byEvaluation: Record<string, number>;
  dueSoon: { actionId: string; assignmentId: string | null; actionText: string; timeline: string | null }[];
  overdue: { actionId: string; assignmentId: string | null; actionText: string; timeline: string | null }[];
}

/** Entry: a unit user goes to their unit, a monitoring reader to the Inspectorate's view. */
export function RtlHomePage() {
  const { t } = useI18n();
  const me = useMe();
  useTitle(t('web.nav.rtl'));
  const units = unitIdsOf(me);
  const monitor = rtlCan.monitor(me);
  if (units.length === 1 && !monitor) return <Navigate to={`/app/rtl/unit/${units[0]}`} replace />;
  if (units.length === 0 && monitor) return <Navigate to="/app/rtl/monitoring" replace />;
  return (
    <>
      <h1>{t('web.nav.rtl')}</h1>
      <p className="lead">{t('web.nav.rtl.about')}</p>
      {monitor ? (
        <p>
          <Link to="/app/rtl/monitoring">{t('web.rtl.home.monitoring')}</Link>
        </p>
      ) : null}
      {units.length ? (
        <>
          <h2>{t('web.rtl.home.units')}</h2>
          <ul>
            {units.map((u) => (
              <li key={u}>
                <UnitLink unitId={u} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!monitor && !units.length ? <Notice>{t('web.rtl.home.none')}</Notice> : null}
    </>
  );
}

function UnitLink({ unitId }: { unitId: string }) {
  const unit = useApi<{ name: string }>(`/units/${unitId}`);
  return <Link to={`/app/rtl/unit/${unitId}`}>{unit.data?.name ?? unitId}</Link>;
}

const PLAN_BADGE: Record<string, string> = { draft: 'badge-muted', submitted: 'badge-alt', approved: 'badge' };

export function UnitRtlPage() {
  const { unitId = '' } = useParams();
  const { t } = useI18n();
  const unit = useApi<{ name: string }>(`/units/${unitId}`);
  const name = unit.data?.name ?? '';
  useTitle(t('web.rtl.unit.title', { unit: name }));
  const dash = useApi<UnitDashboard>(`/units/${unitId}/rtl/dashboard`);
  const list = useApi<{ assignments: Assignment[] }>('/rtl/assignments', { unitId });
  const years = [...new Set(list.data?.assignments.map((a) => a.basisYear) ?? [])].sort((a, b) => b - a);
  const [year, setYear] = useState<number | null>(null);
  const followYear = year ?? years[0] ?? new Date().getFullYear() - 1;
  const base = `/api/v1/units/${unitId}/rtl/follow-up-report/document?year=${followYear}`;
  return (
    <>
      <p>
        <Link to="/app/rtl">{t('web.rtl.back')}</Link>
      </p>
      <h1>{t('web.rtl.unit.title', { unit: name })}</h1>
      <LoadError error={dash.error ?? list.error} />
      {dash.data ? (
        <>
          <p>
            {t('web.rtl.counts', {
              total: dash.data.total,
              done: dash.data.byImplementation.done ?? 0,
              closed: dash.data.byEvaluation.close ?? 0,
              open: dash.data.byEvaluation.open ?? 0,
            })}
          </p>
          <h2>{t('web.rtl.unit.dueSoon')}</h2>
          {dash.data.dueSoon.length ? <DueList items={dash.data.dueSoon} /> : <p>{t('web.rtl.unit.noneDue')}</p>}
          {dash.data.overdue.length ? (
            <>
              <h2>{t('web.rtl.unit.overdue')}</h2>
              <DueList items={dash.data.overdue} />
            </>
          ) : null}
        </>
      ) : null}
      <h2>{t('web.rtl.unit.recommendations')}</h2>
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !list.data.assignments.length ? <p>{t('web.rtl.unit.noRecommendations')}</p> : null}
      {list.data?.assignments.length ? (
        <TableWrap label={t('web.rtl.unit.recommendations')}>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('web.rtl.col.year')}</th>
                <th scope="col">{t('web.rtl.col.recommendation')}</th>
                <th scope="col">{t('web.rtl.col.plan')}</th>
                <th scope="col">{t('web.rtl.col.response')}</th>
                <th scope="col">{t('web.rtl.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.assignments.map((a) => (
                <tr key={a.id}>
                  <td>{a.basisYear}</td>
                  <td>
                    <Link to={`/app/rtl/rekomendasi/${a.id}`}>
                      {a.number}. {a.text}
                    </Link>
                  </td>
                  <td>
                    <span className={`badge ${PLAN_BADGE[a.planStatus] ?? ''}`}>{t(`web.rtl.plan.${a.planStatus}`)}</span>
                  </td>
                  <td>{t(`web.rtl.response.${a.responseStatus}`)}</td>
                  <td>{a.actions.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <h2>{t('web.rtl.unit.followUp')}</h2>
      <Field label={t('web.rtl.unit.followUpYear')} name="followUpYear">
        {(p) => (
          <input
            {...p}
            type="number"
            min={2000}
            max={2100}
            value={followYear}
            onChange={(e) => setYear(Number(e.target.value) || null)}
          />
        )}
      </Field>
      <Downloads
        links={[
          { href: `${base}&format=pdf`, label: `${t('web.rtl.unit.followUp')} ${followYear} (${t('web.rtl.download.pdf')})` },
          { href: `${base}&format=docx`, label: `${t('web.rtl.unit.followUp')} ${followYear} (${t('web.rtl.download.docx')})` },
        ]}
      />
      {years.length ? <EffectivenessSection basisYear={years[0] as number} unitId={unitId} /> : null}
    </>
  );
}

function DueList({ items }: { items: UnitDashboard['dueSoon'] }) {
  return (
    <ul>
      {items.map((i) => (
        <li key={i.actionId}>
          {i.timeline} ·{' '}
          {i.assignmentId ? <Link to={`/app/rtl/rekomendasi/${i.assignmentId}`}>{i.actionText}</Link> : i.actionText}
        </li>
      ))}
    </ul>
  );
}

export function AssignmentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const me = useMe();
  const asg = useApi<Assignment>(`/rtl/assignments/${id}`);
  const a = asg.data;
  useTitle(a ? t('web.rtl.assignment.title', { number: a.number }) : t('web.nav.rtl'));
  const plan = useAction();
  const [done, setDone] = useState('');
  if (asg.error) return <LoadError error={asg.error} />;
  if (!a) return <Loading />;
  const operate = rtlCan.operate(me, a.unitId);
  const act = async (path: string, message: string) => {
    const r = await plan.run(() => post(path));
    if (r) {
      setDone(message);
      asg.reload();
    }
  };
  return (
    <>
      <p>
        <Link to={`/app/rtl/unit/${a.unitId}`}>{t('web.rtl.back')}</Link>
      </p>
      <h1>
        {t('web.rtl.assignment.title', { number: a.number })} ({a.basisYear})
      </h1>
      <p>{a.text}</p>
      <p>
        <span className={`badge ${PLAN_BADGE[a.planStatus] ?? ''}`}>{t(`web.rtl.plan.${a.planStatus}`)}</span>
      </p>
      {a.corrected ? <Notice kind="warning">{t('web.rtl.assignment.corrected')}</Notice> : null}
      <h2>{t('web.rtl.assignment.required')}</h2>
      <ul>
        {a.requiredItems.map((r) => (
          <li key={`${r.elementCode}:${r.serviceName ?? ''}`}>
            {r.elementCode}
            {r.serviceName ? ` · ${r.serviceName}` : ''}
            {r.value ? ` (${r.value}${r.grade ? `, ${r.grade}` : ''})` : ''}
          </li>
        ))}
      </ul>
      {a.uncovered.length ? (
        <Notice kind="warning">
          <ul>
            {a.uncovered.map((u) => (
              <li key={u.message}>{u.message}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <p>{t('web.rtl.assignment.covered')}</p>
      )}
      <ErrorSummary error={plan.error} />
      {done && !plan.error ? <Notice kind="success">{done}</Notice> : null}
      <div className="actions">
        {operate && a.planStatus === 'draft' ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={plan.busy}
            onClick={() => act(`/rtl/assignments/${a.id}/submit`, t('web.rtl.assignment.submitted'))}
          >
            {t('web.rtl.assignment.submit')}
          </button>
        ) : null}
        {rtlCan.approve(me, a.unitId) && a.planStatus === 'submitted' ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={plan.busy}
            onClick={() => act(`/rtl/assignments/${a.id}/approve`, t('web.rtl.assignment.approved'))}
          >
            {t('web.rtl.assignment.approve')}
          </button>
        ) : null}
      </div>
      <h2>{t('web.rtl.col.actions')}</h2>
      {a.actions.map((x, i) => (
        <ActionCard key={x.id} action={x} no={i + 1} operate={operate} evaluate={rtlCan.evaluate(me)} reload={asg.reload} />
      ))}
      {operate && a.planStatus === 'draft' ? <ActionForm assignment={a} onSaved={asg.reload} /> : null}
    </>
  );
}

function ActionForm({ assignment, onSaved }: { assignment: Assignment; onSaved: () => void }) {
  const { t } = useI18n();
  const save = useAction();
  const [elements, setElements] = useState<string[]>([]);
  const [allServices, setAllServices] = useState(true);
  const [cause, setCause] = useState('');
  const [text, setText] = useState('');
  const [timeline, setTimeline] = useState('');
  const [pic, setPic] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await save.run(() =>
      post('/rtl/actions', {
        assignmentId: assignment.id,
        allServices,
        elements: elements.map((code) => ({ instrument: 'skm', code })),
        ...(cause.trim() ? { causeAnalysis: cause } : {}),
        actionText: text,
        timeline,
        pic,
      }),
    );
    if (r) {
      setSaved(true);
      setElements([]);
      setCause('');
      setText('');
      setTimeline('');
      onSaved();
    }
  };
  return (
    <form className="card rtl-form" onSubmit={submit} noValidate aria-labelledby="rtl-add">
      <h2 id="rtl-add">{t('web.rtl.action.add')}</h2>
      <ErrorSummary error={save.error} />
      {saved && !save.error ? <Notice kind="success">{t('web.rtl.action.added')}</Notice> : null}
      <fieldset className="field">
        <legend>{t('web.rtl.action.elements')}</legend>
        <div className="rtl-elements">
          {ELEMENTS.map((code) => (
            <label key={code} className="checkbox">
              <input
                type="checkbox"
                name={`element-${code}`}
                checked={elements.includes(code)}
                onChange={(e) => setElements(e.target.checked ? [...elements, code] : elements.filter((x) => x !== code))}
              />{' '}
              {code}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={allServices} onChange={(e) => setAllServices(e.target.checked)} />{' '}
        {t('web.rtl.action.allServices')}
      </label>
      <Field label={t('web.rtl.action.cause')} name="causeAnalysis" error={save.error}>
        {(p) => <textarea {...p} rows={2} value={cause} onChange={(e) => setCause(e.target.value)} />}
      </Field>
      <Field label={t('web.rtl.action.text')} name="actionText" error={save.error} required>
        {(p) => <textarea {...p} rows={3} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field
        label={t('web.rtl.action.timeline')}
        name="timeline"
        error={save.error}
        hint={t('web.rtl.action.timelineHint')}
        required
      >
        {(p) => <input {...p} value={timeline} onChange={(e) => setTimeline(e.target.value)} />}
      </Field>
      <Field label={t('web.rtl.action.pic')} name="pic" error={save.error} required>
        {(p) => <input {...p} value={pic} onChange={(e) => setPic(e.target.value)} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={save.busy}>
        {t('web.rtl.action.save')}
      </button>
    </form>
  );
}

function ActionCard({
  action: x,
  no,
  operate,
  evaluate,
  reload,
}: {
  action: Action;
  no: number;
  operate: boolean;
  evaluate: boolean;
  reload: () => void;
}) {
  const { t, locale } = useI18n();
  return (
    <section className="card rtl-action" aria-labelledby={`action-${x.id}`}>
      <h3 id={`action-${x.id}`}>
        {no}. {x.elements.map((e) => e.code).join(', ')} — {x.actionText}
      </h3>
      <dl className="rtl-facts">
        <dt>{t('web.rtl.col.timeline')}</dt>
        <dd>{x.timeline || '-'}</dd>
        <dt>{t('web.rtl.col.pic')}</dt>
        <dd>{x.pic || '-'}</dd>
        <dt>{t('web.rtl.col.implementation')}</dt>
        <dd>{t(`web.rtl.impl.${x.implementationStatus}`)}</dd>
        <dt>{t('web.rtl.col.evaluation')}</dt>
        <dd>{t(`web.rtl.eval.${x.evaluationStatus}`)}</dd>
      </dl>
      <h4>{t('web.rtl.evidence.title')}</h4>
      {x.evidence.length ? (
        <ul>
          {x.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === 'url' ? (
                <a href={e.url ?? '#'} rel="noreferrer noopener" target="_blank">
                  {e.url}
                </a>
              ) : (
                <a href={`/api/v1/rtl/evidence/${e.id}/content`} download>
                  {e.fileName}
                </a>
              )}
              {e.supersededBy ? ` (${t('web.rtl.evidence.superseded')})` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('web.rtl.evidence.none')}</p>
      )}
      {operate ? <EvidenceUpload actionId={x.id} locale={locale} onDone={reload} /> : null}
      <h4>{t('web.rtl.evaluation.title')}</h4>
      {x.evaluations.length ? (
        <ul>
          {x.evaluations.map((e) => (
            <li key={e.id}>
              {e.evaluationDate}: <strong>{t(`web.rtl.eval.${e.status}`)}</strong>
              {e.reasonCode ? ` · ${t(`web.rtl.reason.${e.reasonCode}`)}` : ''}
              {e.note ? ` · ${e.note}` : ''}
              {e.updates.map((u) => (
                <div key={u.id}>
                  {u.date}: {u.text}
                </div>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('web.rtl.evaluation.none')}</p>
      )}
      {operate ? <RealisationForm action={x} onDone={reload} /> : null}
      {evaluate ? <EvaluationForm actionId={x.id} onDone={reload} /> : null}
    </section>
  );
}

function EvidenceUpload({ actionId, locale, onDone }: { actionId: string; locale: string; onDone: () => void }) {
  const { t } = useI18n();
  const up = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [ok, setOk] = useState(false);
  const name = `evidence-${actionId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOk(false);
    if (!file) {
      up.setError(new Error(t('web.rtl.evidence.chooseFile')));
      return;
    }
    const r = await up.run(() => uploadFile(`/rtl/actions/${actionId}/evidence`, file, locale));
    if (r) {
      setOk(true);
      onDone();
    }
  };
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <ErrorSummary error={up.error} />
      {ok && !up.error ? <Notice kind="success">{t('web.rtl.evidence.uploaded')}</Notice> : null}
      <Field label={t('web.rtl.evidence.file')} name={name}>
        {(p) => <input {...p} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
      </Field>
      <button type="submit" className="btn btn-secondary" disabled={up.busy}>
        {t('web.rtl.evidence.upload')}
      </button>
    </form>
  );
}

function RealisationForm({ action: x, onDone }: { action: Action; onDone: () => void }) {
  const { t } = useI18n();
  const save = useAction();
  const strat = useAction();
  const [status, setStatus] = useState<Action['implementationStatus']>(x.implementationStatus);
  const [text, setText] = useState(x.realisationText ?? '');
  const [date, setDate] = useState(x.realisedAt ?? '');
  const [obstacles, setObstacles] = useState(x.obstacles ?? '');
  const [strategy, setStrategy] = useState(x.strategy?.strategyText ?? '');
  const [target, setTarget] = useState(x.strategy?.targetDate ?? '');
  const [stakeholders, setStakeholders] = useState(x.strategy?.stakeholders ?? '');
  const [msg, setMsg] = useState('');
  const strategyBody = () => ({
    strategyText: strategy,
    ...(target ? { targetDate: target } : {}),
    ...(stakeholders.trim() ? { stakeholders } : {}),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMsg('');
    const r = await save.run(() =>
      put(`/rtl/actions/${x.id}/realisation`, {
        implementationStatus: status,
        ...(text.trim() ? { realisationText: text } : {}),
        ...(date ? { realisedAt: date } : {}),
        ...(obstacles.trim() ? { obstacles } : {}),
        ...(status === 'not_done' && strategy.trim() ? { strategy: strategyBody() } : {}),
      }),
    );
    if (r) {
      setMsg(t('web.rtl.realisation.saved'));
      onDone();
    }
  };
  const saveStrategy = async () => {
    setMsg('');
    const r = await strat.run(() => put(`/rtl/actions/${x.id}/strategy`, strategyBody()));
    if (r) {
      setMsg(t('web.rtl.strategy.saved'));
      onDone();
    }
  };
  const f = (n: string) => `${n}-${x.id}`;
  return (
    <form onSubmit={submit} className="rtl-subform" noValidate aria-label={t('web.rtl.realisation.title')}>
      <h4>{t('web.rtl.realisation.title')}</h4>
      <ErrorSummary error={save.error ?? strat.error} />
      {msg && !save.error && !strat.error ? <Notice kind="success">{msg}</Notice> : null}
      <Field label={t('web.rtl.realisation.status')} name={f('implementationStatus')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as Action['implementationStatus'])}>
            {(['planned', 'in_progress', 'done', 'not_done'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`web.rtl.impl.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.rtl.realisation.text')} name={f('realisationText')}>
        {(p) => <textarea {...p} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <Field label={t('web.rtl.realisation.date')} name={f('realisedAt')}>
        {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label={t('web.rtl.realisation.obstacles')} name={f('obstacles')}>
        {(p) => <textarea {...p} rows={2} value={obstacles} onChange={(e) => setObstacles(e.target.value)} />}
      </Field>
      {status !== 'done' ? (
        <fieldset className="field">
          <legend>{t('web.rtl.strategy.title')}</legend>
          <Field label={t('web.rtl.strategy.text')} name={f('strategyText')}>
            {(p) => <textarea {...p} rows={2} value={strategy} onChange={(e) => setStrategy(e.target.value)} />}
          </Field>
          <Field label={t('web.rtl.strategy.targetDate')} name={f('targetDate')}>
            {(p) => <input {...p} type="date" value={target} onChange={(e) => setTarget(e.target.value)} />}
          </Field>
          <Field label={t('web.rtl.strategy.stakeholders')} name={f('stakeholders')}>
            {(p) => <input {...p} value={stakeholders} onChange={(e) => setStakeholders(e.target.value)} />}
          </Field>
          <button type="button" className="btn btn-secondary" disabled={strat.busy} onClick={saveStrategy}>
            {t('web.rtl.strategy.save')}
          </button>
        </fieldset>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={save.busy}>
        {t('web.rtl.realisation.save')}
      </button>
    </form>
  );
}

function EvaluationForm({ actionId, onDone }: { actionId: string; onDone: () => void }) {
  const { t } = useI18n();
  const cycles = useApi<{ cycles: Cycle[] }>('/monitoring-cycles');
  const open = cycles.data?.cycles.filter((c) => c.status === 'open' || c.status === 'cut_off') ?? [];
  const save = useAction();
  const [cycleId, setCycleId] = useState('');
  const [status, setStatus] = useState<'open' | 'close'>('close');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [ok, setOk] = useState(false);
  const chosen = cycleId || open[0]?.id || '';
  if (cycles.data && !open.length) return <p>{t('web.rtl.evaluation.noCycle')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setOk(false);
    const r = await save.run(() =>
      post(`/rtl/actions/${actionId}/evaluations`, {
        cycleId: chosen,
        status,
        ...(reason ? { reasonCode: reason } : {}),
        ...(note.trim() ? { note } : {}),
      }),
    );
    if (r) {
      setOk(true);
      onDone();
    }
  };
  const f = (n: string) => `${n}-${actionId}`;
  return (
    <form onSubmit={submit} className="rtl-subform" noValidate aria-label={t('web.rtl.evaluation.title')}>
      <ErrorSummary error={save.error} />
      {ok && !save.error ? <Notice kind="success">{t('web.rtl.evaluation.saved')}</Notice> : null}
      <Field label={t('web.rtl.evaluation.cycle')} name={f('cycleId')}>
        {(p) => (
          <select {...p} value={chosen} onChange={(e) => setCycleId(e.target.value)}>
            {open.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.rtl.evaluation.status')} name={f('status')}>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'close')}>
            <option value="close">Close</option>
            <option value="open">Open</option>
          </select>
        )}
      </Field>
      <Field label={t('web.rtl.evaluation.reason')} name="reasonCode" error={save.error}>
        {(p) => (
          <select {...p} value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">–</option>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`web.rtl.reason.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('web.rtl.evaluation.note')} name="note" error={save.error}>
        {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <button type="submit" className="btn btn-primary" disabled={save.busy || !chosen}>
        {t('web.rtl.evaluation.save')}
      </button>
    </form>
  );
}
