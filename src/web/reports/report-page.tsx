import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorSummary, Field, Loading, Notice } from '../components/form.tsx';
import { ApiError, post, put } from '../lib/api.ts';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, formatDateTime, useI18n, useT } from '../lib/i18n.tsx';
import { ConfirmDialog, SkmLoadError } from '../skm/common.tsx';
import { Checklist, ReportStatusBadge, uploadFile } from './common.tsx';
import { boardPage, type Justifications, REPORT_SECTION_KEYS, reportApi, type TimelineRow, type UnitReport } from './types.ts';

/**
 * One unit's Laporan SKM (DOMAIN 5.12.3): the sections the unit writes, the timeline, the signed
 * statement, the validity matrix, shortfall justifications, the checklist and the workflow buttons.
 * The server decides what is allowed (`can`); this page only shows what it offers.
 */
export function UnitReportPage() {
  const { t, locale } = useI18n();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const api = reportApi(id, unitId);
  const loaded = useApi<UnitReport>(api.report);
  const [report, setReport] = useState<UnitReport>();
  useEffect(() => {
    if (loaded.data) setReport(loaded.data);
  }, [loaded.data]);
  useTitle(report ? t('web.skmReport.title', { unit: report.unit.name }) : t('web.skmReport.titlePlain'));

  if (!report) return loaded.error ? <SkmLoadError error={loaded.error} /> : <Loading />;
  const returned = report.status === 'draft' && report.reviewNotes !== null;
  const missing = report.checks.filter((c) => !c.ok).length;
  return (
    <>
      <p className="breadcrumb">
        <Link to={boardPage(id)}>{t('web.skmReport.backToBoard')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('web.skmReport.title', { unit: report.unit.name })}</h1>
        <ReportStatusBadge status={report.status} returned={returned} />
      </div>
      <dl className="facts">
        <dt>{t('web.skmReport.campaign')}</dt>
        <dd>{report.campaign.name}</dd>
        <dt>{t('web.skmReport.deadline')}</dt>
        <dd>{report.campaign.reportDue ? formatDate(locale, report.campaign.reportDue) : '–'}</dd>
        <dt>{t('web.skmReport.submittedAt')}</dt>
        <dd>{report.submittedAt ? formatDateTime(locale, report.submittedAt) : '–'}</dd>
        <dt>{t('web.skmReport.reviewedAt')}</dt>
        <dd>{report.reviewedAt ? formatDateTime(locale, report.reviewedAt) : '–'}</dd>
      </dl>
      {returned ? (
        <div className="alert alert-warning" role="status">
          <p className="alert-title">{t('web.skmReport.returnedTitle')}</p>
          <p className="pre-wrap">{report.reviewNotes}</p>
        </div>
      ) : null}
      {report.status === 'accepted' && report.reviewNotes ? (
        <Notice kind="success">
          <p className="pre-wrap">{report.reviewNotes}</p>
        </Notice>
      ) : null}

      <section className="section" aria-labelledby="checks-title">
        <h2 id="checks-title">
          {t('web.skmReport.checks.title')}{' '}
          <span className="count-badge">
            {missing ? t('web.skmReport.checks.missingCount', { n: missing }) : t('web.skmReport.checks.complete')}
          </span>
        </h2>
        <Checklist checks={report.checks} />
        <WorkflowActions report={report} onChange={setReport} />
      </section>

      <DocumentsSection report={report} />
      <SectionsEditor report={report} onChange={setReport} onReload={loaded.reload} />
      <TimelineEditor report={report} onChange={setReport} />
      <StatementSection report={report} onChange={setReport} />
      <MatrixSection report={report} onChange={setReport} />
      <JustificationsSection report={report} onSaved={loaded.reload} />
    </>
  );
}

function WorkflowActions({ report, onChange }: { report: UnitReport; onChange(r: UnitReport): void }) {
  const t = useT();
  const api = reportApi(report.campaign.id, report.unit.id);
  const action = useAction();
  const [confirm, setConfirm] = useState<'submit' | 'accept' | 'return' | null>(null);
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const run = async (what: 'submit' | 'accept' | 'return') => {
    setDone(null);
    const r = await action.run(() =>
      post<UnitReport>(
        `${api.report}/${what}`,
        what === 'submit' ? {} : what === 'return' ? { notes } : { notes: notes || undefined },
      ),
    );
    setConfirm(null);
    if (r) {
      onChange(r);
      setNotes('');
      setDone(t(`web.skmReport.done.${what}`));
    }
  };
  if (!report.can.submit && !report.can.review && !done) return null;
  return (
    <div className="workflow">
      {done ? <Notice kind="success">{done}</Notice> : null}
      {action.error instanceof ApiError && action.error.status === 422 ? (
        <Refusal error={action.error} />
      ) : (
        <ErrorSummary error={action.error} title={action.error ? t('web.skmReport.refused') : undefined} />
      )}
      <div className="actions">
        {report.can.submit ? (
          <button type="button" className="btn btn-primary" onClick={() => setConfirm('submit')} disabled={action.busy}>
            {t('web.skmReport.submit')}
          </button>
        ) : null}
        {report.can.review ? (
          <>
            <button type="button" className="btn btn-primary" onClick={() => setConfirm('accept')} disabled={action.busy}>
              {t('web.skmReport.accept')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirm('return')} disabled={action.busy}>
              {t('web.skmReport.return')}
            </button>
          </>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t(`web.skmReport.confirm.${confirm}`) : ''}
        confirmLabel={confirm ? t(`web.skmReport.${confirm}`) : ''}
        busy={action.busy}
        onConfirm={() => confirm && run(confirm)}
        onClose={() => setConfirm(null)}
      >
        {confirm === 'submit' ? <p>{t('web.skmReport.confirm.submitText')}</p> : null}
        {confirm === 'return' || confirm === 'accept' ? (
          <Field
            label={t(confirm === 'return' ? 'web.skmReport.notes' : 'web.skmReport.notesOptional')}
            name="notes"
            error={action.error}
            required={confirm === 'return'}
          >
            {(p) => <textarea {...p} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

/** A refused submission: every missing item, one per line, focused so it is read out at once. */
function Refusal({ error }: { error: ApiError }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{t('web.skmReport.refused')}</p>
      <p>{t('web.skmReport.refusedLead')}</p>
      <ul>
        {error.fields.map((f) => (
          <li key={f.field}>{f.message}</li>
        ))}
      </ul>
    </div>
  );
}

function DocumentsSection({ report }: { report: UnitReport }) {
  const t = useT();
  const api = reportApi(report.campaign.id, report.unit.id);
  return (
    <section className="section" aria-labelledby="docs-title">
      <h2 id="docs-title">{t('web.skmReport.docs.title')}</h2>
      <p className="hint">{t('web.skmReport.docs.hint')}</p>
      <ul className="doc-links">
        <li>
          <a href={api.reportPdf} download>
            {t('web.skmReport.docs.pdf')}
          </a>
        </li>
        <li>
          <a href={api.reportDocx} download>
            {t('web.skmReport.docs.docx')}
          </a>
        </li>
        <li>
          <a href={api.blankStatementPdf} download>
            {t('web.skmReport.docs.statement')}
          </a>
        </li>
      </ul>
    </section>
  );
}

function SectionsEditor({ report, onChange, onReload }: { report: UnitReport; onChange(r: UnitReport): void; onReload(): void }) {
  const t = useT();
  const [drafts, setDrafts] = useState<Record<string, string>>(() => ({ ...report.sections }));
  const [conflict, setConflict] = useState(false);
  const serverVersion = useRef(report.version);
  // A reload after a conflict replaces the local texts with what the server holds.
  useEffect(() => {
    if (conflict && report.version !== serverVersion.current) {
      setDrafts({ ...report.sections });
      setConflict(false);
    }
    serverVersion.current = report.version;
  }, [report, conflict]);
  return (
    <section className="section" aria-labelledby="sections-title">
      <h2 id="sections-title">{t('web.skmReport.sections.title')}</h2>
      <p className="hint">{t('web.skmReport.sections.hint')}</p>
      {conflict ? (
        <div className="alert alert-warning" role="alert">
          <p>{t('web.skmReport.sections.conflict')}</p>
          <button type="button" className="btn btn-secondary" onClick={onReload}>
            {t('web.skmReport.sections.reload')}
          </button>
        </div>
      ) : null}
      {REPORT_SECTION_KEYS.map((key) => (
        <SectionForm
          key={key}
          sectionKey={key}
          report={report}
          value={drafts[key] ?? ''}
          onEdit={(v) => setDrafts((d) => ({ ...d, [key]: v }))}
          onSaved={onChange}
          onConflict={() => setConflict(true)}
        />
      ))}
    </section>
  );
}

function SectionForm({
  sectionKey,
  report,
  value,
  onEdit,
  onSaved,
  onConflict,
}: {
  sectionKey: string;
  report: UnitReport;
  value: string;
  onEdit(v: string): void;
  onSaved(r: UnitReport): void;
  onConflict(): void;
}) {
  const t = useT();
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const dirty = value !== (report.sections[sectionKey] ?? '');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await action.run(() =>
      put<UnitReport>(`${reportApi(report.campaign.id, report.unit.id).report}/sections`, {
        version: report.version,
        sections: { [sectionKey]: value },
      }),
    );
    if (r) {
      onSaved(r);
      setSaved(true);
    }
  };
  useEffect(() => {
    if (action.error instanceof ApiError && action.error.status === 409 && action.error.code === 'conflict') onConflict();
  }, [action.error, onConflict]);
  return (
    <form className="panel section-form" onSubmit={submit} noValidate>
      <ErrorSummary error={action.error} />
      <Field
        label={t(`web.skmReport.section.${sectionKey}`)}
        name={`sections.${sectionKey}`}
        error={action.error}
        hint={t(`web.skmReport.section.${sectionKey}.hint`)}
      >
        {(p) => (
          <textarea
            {...p}
            rows={5}
            value={value}
            readOnly={!report.can.edit}
            maxLength={20_000}
            onChange={(e) => {
              setSaved(false);
              onEdit(e.target.value);
            }}
          />
        )}
      </Field>
      {report.can.edit ? (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={action.busy || !dirty}>
            {t('web.skmReport.sections.save', { section: t(`web.skmReport.section.${sectionKey}`) })}
          </button>
          {saved && !dirty ? (
            <span role="status" className="small">
              {t('web.skmReport.saved')}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function TimelineEditor({ report, onChange }: { report: UnitReport; onChange(r: UnitReport): void }) {
  const { t, locale } = useI18n();
  const [rows, setRows] = useState<TimelineRow[]>(report.timeline);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const captionId = useId();
  const set = (i: number, patch: Partial<TimelineRow>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() =>
      put<UnitReport>(`${reportApi(report.campaign.id, report.unit.id).report}/timeline`, { version: report.version, rows }),
    );
    if (r) {
      onChange(r);
      setRows(r.timeline);
      setSaved(true);
    }
  };
  const edit = report.can.edit;
  return (
    <section className="section" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('web.skmReport.timeline.title')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={action.error} />
        {rows.length === 0 ? <p className="muted">{t('web.skmReport.timeline.empty')}</p> : null}
        {rows.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="sr-only" id={captionId}>
                {t('web.skmReport.timeline.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.skmReport.timeline.no')}</th>
                  <th scope="col">{t('web.skmReport.timeline.activity')}</th>
                  <th scope="col">{t('web.skmReport.timeline.start')}</th>
                  <th scope="col">{t('web.skmReport.timeline.end')}</th>
                  {edit ? <th scope="col">{t('web.common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity besides their position
                  <tr key={i}>
                    <td>{i + 1}</td>
                    {edit ? (
                      <>
                        <td>
                          <Field
                            label={t('web.skmReport.timeline.activityN', { n: i + 1 })}
                            name={`rows.${i}.activity`}
                            error={action.error}
                            className="compact-field"
                          >
                            {(p) => (
                              <input
                                {...p}
                                type="text"
                                maxLength={300}
                                value={r.activity}
                                onChange={(e) => set(i, { activity: e.target.value })}
                              />
                            )}
                          </Field>
                        </td>
                        <td>
                          <Field
                            label={t('web.skmReport.timeline.startN', { n: i + 1 })}
                            name={`rows.${i}.start`}
                            error={action.error}
                            className="compact-field"
                          >
                            {(p) => (
                              <input {...p} type="date" value={r.start} onChange={(e) => set(i, { start: e.target.value })} />
                            )}
                          </Field>
                        </td>
                        <td>
                          <Field
                            label={t('web.skmReport.timeline.endN', { n: i + 1 })}
                            name={`rows.${i}.end`}
                            error={action.error}
                            className="compact-field"
                          >
                            {(p) => <input {...p} type="date" value={r.end} onChange={(e) => set(i, { end: e.target.value })} />}
                          </Field>
                        </td>
                        <td>
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                          >
                            {t('web.skmReport.timeline.remove')}
                            <span className="sr-only"> {i + 1}</span>
                          </button>
                        </td>
                      </>
                    ) : (
                      <>
                        <td>{r.activity}</td>
                        <td>{formatDate(locale, r.start)}</td>
                        <td>{formatDate(locale, r.end)}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {edit ? (
          <div className="actions">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => setRows((rs) => [...rs, { activity: '', start: '', end: '' }])}
            >
              {t('web.skmReport.timeline.add')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('web.skmReport.timeline.save')}
            </button>
            {saved ? (
              <span role="status" className="small">
                {t('web.skmReport.saved')}
              </span>
            ) : null}
          </div>
        ) : null}
      </form>
    </section>
  );
}

function StatementSection({ report, onChange }: { report: UnitReport; onChange(r: UnitReport): void }) {
  const { t, locale } = useI18n();
  const api = reportApi(report.campaign.id, report.unit.id);
  const [file, setFile] = useState<File | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const r = await action.run(() => uploadFile<UnitReport>(`${api.report}/statement`, file, locale));
    if (r) {
      onChange(r);
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  };
  return (
    <section className="section" aria-labelledby="statement-title">
      <h2 id="statement-title">{t('web.skmReport.statement.title')}</h2>
      <p className="hint">{t('web.skmReport.statement.hint')}</p>
      {report.statement ? (
        <p>
          {t('web.skmReport.statement.current')}{' '}
          <a href={api.signedStatement}>{report.statement.fileName ?? t('web.skmReport.statement.file')}</a> (
          {formatDateTime(locale, report.statement.uploadedAt)})
        </p>
      ) : (
        <p className="muted">{t('web.skmReport.statement.none')}</p>
      )}
      {report.can.edit ? (
        <form onSubmit={submit} noValidate className="panel">
          <ErrorSummary error={action.error} />
          <Field
            label={t('web.skmReport.statement.file')}
            name="file"
            error={action.error}
            hint={t('web.skmReport.statement.types')}
          >
            {(p) => (
              <input
                {...p}
                ref={inputRef}
                type="file"
                accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy || !file}>
              {report.statement ? t('web.skmReport.statement.replace') : t('web.skmReport.statement.upload')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function MatrixSection({ report, onChange }: { report: UnitReport; onChange(r: UnitReport): void }) {
  const { t, locale } = useI18n();
  const api = reportApi(report.campaign.id, report.unit.id);
  const m = report.validityMatrix;
  const [choice, setChoice] = useState<'submitted' | 'nihil'>(m.status === 'nihil' ? 'nihil' : 'submitted');
  const action = useAction();
  const name = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => post<UnitReport>(`${api.report}/validity-matrix`, { status: choice }));
    if (r) onChange(r);
  };
  return (
    <section className="section" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{t('web.skmReport.matrix.title')}</h2>
      <p>
        {t(`web.skmReport.matrix.status.${m.status}`)}
        {m.at ? ` (${formatDateTime(locale, m.at)})` : ''}. {t('web.skmReport.matrix.invalid', { n: m.invalidResponses })}
      </p>
      <ul className="doc-links">
        <li>
          <a href={api.matrixPdf}>{t('web.skmReport.matrix.pdf')}</a>
        </li>
        <li>
          <a href={api.matrixXlsx}>{t('web.skmReport.matrix.xlsx')}</a>
        </li>
      </ul>
      {report.can.edit ? (
        <form onSubmit={submit} noValidate className="panel">
          <ErrorSummary error={action.error} />
          <fieldset className="field">
            <legend>{t('web.skmReport.matrix.choose')}</legend>
            <div className="field-check">
              <input
                type="radio"
                id={`${name}-submitted`}
                name="status"
                checked={choice === 'submitted'}
                onChange={() => setChoice('submitted')}
              />
              <label htmlFor={`${name}-submitted`}>{t('web.skmReport.matrix.optSubmitted')}</label>
            </div>
            <div className="field-check">
              <input
                type="radio"
                id={`${name}-nihil`}
                name="status"
                checked={choice === 'nihil'}
                onChange={() => setChoice('nihil')}
              />
              <label htmlFor={`${name}-nihil`}>{t('web.skmReport.matrix.optNihil')}</label>
            </div>
          </fieldset>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              {t('web.skmReport.matrix.save')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function JustificationsSection({ report, onSaved }: { report: UnitReport; onSaved(): void }) {
  const { t } = useI18n();
  const api = reportApi(report.campaign.id, report.unit.id);
  const loaded = useApi<Justifications>(api.justifications, { v: report.status });
  const [texts, setTexts] = useState<Record<string, string>>({});
  const action = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setTexts(Object.fromEntries(loaded.data.services.map((s) => [s.unitServiceId, s.text ?? ''])));
  }, [loaded.data]);
  const data = loaded.data;
  if (!data) return loaded.error ? <SkmLoadError error={loaded.error} /> : null;
  const shown = data.services.filter((s) => s.required || s.text);
  const changed = shown.filter((s) => (texts[s.unitServiceId] ?? '').trim() && (texts[s.unitServiceId] ?? '') !== (s.text ?? ''));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await action.run(() =>
      put<Justifications>(api.justifications, {
        items: changed.map((s) => ({ unitServiceId: s.unitServiceId, text: texts[s.unitServiceId] ?? '' })),
      }),
    );
    if (r) {
      setSaved(true);
      loaded.reload();
      onSaved();
    }
  };
  return (
    <section className="section" aria-labelledby="just-title">
      <h2 id="just-title">{t('web.skmReport.just.title')}</h2>
      {shown.length === 0 ? (
        <p className="muted">{t('web.skmReport.just.none')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <ErrorSummary error={action.error} />
          {shown.map((s, i) => (
            <Field
              key={s.unitServiceId}
              label={s.serviceName}
              name={`items.${changed.indexOf(s) >= 0 ? changed.indexOf(s) : `x${i}`}.text`}
              error={action.error}
              hint={t('web.skmReport.just.numbers', { target: s.target, valid: s.valid, shortfall: s.shortfall })}
              required={s.required}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  maxLength={4000}
                  readOnly={!data.editable}
                  value={texts[s.unitServiceId] ?? ''}
                  onChange={(e) => {
                    setSaved(false);
                    setTexts((x) => ({ ...x, [s.unitServiceId]: e.target.value }));
                  }}
                />
              )}
            </Field>
          ))}
          {data.editable ? (
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={action.busy || changed.length === 0}>
                {t('web.skmReport.just.save')}
              </button>
              {saved ? (
                <span role="status" className="small">
                  {t('web.skmReport.saved')}
                </span>
              ) : null}
            </div>
          ) : null}
        </form>
      )}
    </section>
  );
}
