import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { BPOM_2024 } from '../../domain/profiles/shipped/bpom-2024.ts';
import { PERMENPAN_2017 } from '../../domain/profiles/shipped/permenpan-2017.ts';
import { SPKP_SPAK_4 } from '../../domain/profiles/shipped/spkp-spak-4.ts';
import { Loading, Notice } from '../components/form.tsx';
import { ApiError, post } from '../lib/api.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import { SkmLoadError, UnitTabs } from './common.tsx';
import type { Campaign, Targets } from './types.ts';

const PROFILES = { 'bpom-2024': BPOM_2024, 'permenpan-2017': PERMENPAN_2017, 'spkp-spak-4': SPKP_SPAK_4 } as const;

interface Row {
  key: string;
  date: string;
  service: string;
  fullName: string;
  age: string;
  sex: string;
  phone: string;
  education: string;
  occupation: string;
  answers: Record<string, string>;
  state: 'draft' | 'saving' | 'saved' | 'error';
  seqNo?: number;
  message?: string;
  /** Field errors from the server, by field name (`answers.A3`, `respondent.age`, …). */
  fields?: Record<string, string>;
  clientSubmissionId: string;
}

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9_-]/g, '');
const today = () => new Date().toISOString().slice(0, 10);
const emptyRow = (date = today(), service = ''): Row => ({
  key: newKey(),
  date,
  service,
  fullName: '',
  age: '',
  sex: '',
  phone: '',
  education: '',
  occupation: '',
  answers: {},
  state: 'draft',
  clientSubmissionId: `paper-${newKey()}`,
});

/**
 * Keyboard-only entry of paper questionnaires: one row per form, Tab or Enter to the next cell,
 * a digit typed into an answer cell fills it and moves on. Blanks are allowed (DOMAIN 5.2.3).
 */
export function PaperEntryPage() {
  const { t, locale } = useI18n();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const targets = useApi<Targets>(`/campaigns/${id}/targets`, { unitId });
  const profile = PROFILES[(campaign.data?.profileCode ?? 'bpom-2024') as keyof typeof PROFILES] ?? BPOM_2024;
  const questions = profile.questions.map((q) => q.code);
  const scaleMax = profile.scaleMax;
  const fieldOptions = (code: string) => profile.respondentFields?.find((f) => f.code === code)?.options ?? [];
  const services = useMemo(
    () => (targets.data?.rows ?? []).map((r) => ({ id: r.unitServiceId, name: r.serviceName })),
    [targets.data],
  );
  const [rows, setRows] = useState<Row[]>(() => [emptyRow()]);
  const [summary, setSummary] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const unitName = campaign.data?.units.find((u) => u.unitId === unitId)?.name ?? '';
  useTitle(`${t('web.skm.paper.title')} ${unitName}`);

  const update = (key: string, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch, state: r.state === 'saved' ? 'saved' : 'draft' } : r)));

  /** Moves focus to the next (or previous) editable cell in reading order. */
  const move = (from: HTMLElement, back = false) => {
    const cells = Array.from(gridRef.current?.querySelectorAll<HTMLElement>('[data-cell]:not([disabled])') ?? []);
    const i = cells.indexOf(from);
    const next = cells[back ? i - 1 : i + 1];
    if (next) {
      next.focus();
      if (next instanceof HTMLInputElement) next.select();
    } else if (!back) {
      const last = rows[rows.length - 1];
      setRows((rs) => [...rs, emptyRow(last?.date, last?.service)]);
      requestAnimationFrame(() => {
        const all = gridRef.current?.querySelectorAll<HTMLElement>('[data-cell]:not([disabled])');
        all?.[cells.length]?.focus();
      });
    }
  };
  const onEnter = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      move(e.currentTarget, e.shiftKey);
    }
  };
  const onAnswerKey = (e: KeyboardEvent<HTMLInputElement>, row: Row, q: string) => {
    if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      update(row.key, { answers: { ...row.answers, [q]: e.key } });
      const digit = Number(e.key);
      if (digit >= 1 && digit <= scaleMax) move(e.currentTarget);
      return;
    }
    onEnter(e);
  };

  const answerInvalid = (v: string | undefined) => v !== undefined && v !== '' && !(Number(v) >= 1 && Number(v) <= scaleMax);
  const rowProblems = (r: Row): string[] => {
    const p: string[] = [];
    if (!r.service) p.push(t('web.skm.paper.needService'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date)) p.push(t('web.skm.paper.needDate'));
    if (r.age && !/^\d{1,2}$/.test(r.age)) p.push(t('web.skm.paper.badAge'));
    if (questions.some((q) => answerInvalid(r.answers[q]))) p.push(t('web.skm.paper.badAnswer', { max: scaleMax }));
    return p;
  };
  const isBlank = (r: Row) => !r.service && !r.fullName && Object.values(r.answers).every((v) => !v);

  const saveAll = async () => {
    setSummary(null);
    let saved = 0;
    let failed = 0;
    for (const r of rows) {
      if (r.state === 'saved' || isBlank(r)) continue;
      const problems = rowProblems(r);
      if (problems.length) {
        failed++;
        setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, state: 'error', message: problems.join('; ') } : x)));
        continue;
      }
      setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, state: 'saving' } : x)));
      const nul = (s: string) => (s.trim() === '' ? null : s.trim());
      try {
        const res = await post<{ seqNo: number; duplicateHint: string | null }>(
          `/campaigns/${id}/units/${unitId}/paper-responses`,
          {
            unitServiceId: r.service,
            submittedAt: r.date,
            clientSubmissionId: r.clientSubmissionId,
            respondent: {
              fullName: nul(r.fullName),
              age: r.age ? Number(r.age) : null,
              sex: nul(r.sex),
              phone: nul(r.phone),
              education: nul(r.education),
              occupation: nul(r.occupation),
            },
            answers: Object.fromEntries(questions.map((q) => [q, r.answers[q] ? Number(r.answers[q]) : null])),
          },
        );
        saved++;
        setRows((rs) =>
          rs.map((x) =>
            x.key === r.key
              ? { ...x, state: 'saved', seqNo: res.seqNo, message: res.duplicateHint ?? undefined, fields: undefined }
              : x,
          ),
        );
      } catch (e) {
        failed++;
        const fields =
          e instanceof ApiError
            ? Object.fromEntries(e.fields.map((f) => [f.field.replace(/^body\./, ''), f.message]))
            : undefined;
        const message =
          e instanceof ApiError && e.fields.length ? e.fields.map((f) => f.message).join('; ') : (e as Error).message;
        setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, state: 'error', message, fields } : x)));
      }
    }
    setSummary(t('web.skm.paper.summary', { saved, failed }));
  };

  const cellLabel = (i: number, what: string) => t('web.skm.paper.cell', { row: i + 1, what });
  const listId = `paper-services-${unitId}`;

  if (!campaign.data) return campaign.error ? <SkmLoadError error={campaign.error} /> : <Loading />;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data.name}</Link>
      </p>
      <h1>
        {t('web.skm.paper.title')} {unitName}
      </h1>
      <UnitTabs campaignId={id} unitId={unitId} />
      <p className="lead">{t('web.skm.paper.lead', { max: scaleMax })}</p>
      {summary ? <Notice kind="info">{summary}</Notice> : null}
      <datalist id={listId}>
        {services.map((s) => (
          <option key={s.id} value={s.name} />
        ))}
      </datalist>
      <div className="table-wrap">
        <table className="paper-grid" ref={gridRef}>
          <caption className="sr-only">{t('web.skm.paper.title')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('web.skm.paper.date')}</th>
              <th scope="col">{t('web.skm.service')}</th>
              <th scope="col">{t('web.skm.paper.name')}</th>
              <th scope="col">{t('web.skm.paper.age')}</th>
              <th scope="col">{t('web.skm.paper.sex')}</th>
              <th scope="col">{t('web.skm.paper.phone')}</th>
              <th scope="col">{t('web.skm.paper.education')}</th>
              <th scope="col">{t('web.skm.paper.occupation')}</th>
              {questions.map((q) => (
                <th key={q} scope="col">
                  {q}
                </th>
              ))}
              <th scope="col">{t('web.common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const locked = r.state === 'saved' || r.state === 'saving';
              const svcName = services.find((s) => s.id === r.service)?.name ?? '';
              return (
                <tr key={r.key} className={r.state === 'saved' ? 'row-saved' : r.state === 'error' ? 'row-error' : undefined}>
                  <th scope="row">{i + 1}</th>
                  <td>
                    <input
                      data-cell
                      className="wide"
                      type="date"
                      disabled={locked}
                      aria-label={cellLabel(i, t('web.skm.paper.date'))}
                      value={r.date}
                      onChange={(e) => update(r.key, { date: e.target.value })}
                      onKeyDown={onEnter}
                    />
                  </td>
                  <td>
                    <input
                      data-cell
                      className="wide"
                      list={listId}
                      disabled={locked}
                      aria-label={cellLabel(i, t('web.skm.service'))}
                      aria-invalid={r.state === 'error' && !r.service ? true : undefined}
                      defaultValue={svcName}
                      onChange={(e) => {
                        const v = e.target.value.toLowerCase();
                        const hit =
                          services.find((s) => s.name.toLowerCase() === v) ??
                          (v.length >= 2 ? services.filter((s) => s.name.toLowerCase().includes(v)) : []).find(
                            (_, __, arr) => arr.length === 1,
                          );
                        update(r.key, { service: hit?.id ?? '' });
                      }}
                      onBlur={(e) => {
                        if (r.service) e.target.value = svcName;
                      }}
                      onKeyDown={onEnter}
                    />
                  </td>
                  {(['fullName', 'age', 'sex', 'phone', 'education', 'occupation'] as const).map((f) => {
                    const label = cellLabel(i, t(`web.skm.paper.${f === 'fullName' ? 'name' : f}`));
                    const err = r.fields?.[`respondent.${f}`];
                    const opts = fieldOptions(f);
                    return (
                      <td key={f}>
                        {opts.length ? (
                          <select
                            data-cell
                            disabled={locked}
                            aria-label={label}
                            aria-invalid={err ? true : undefined}
                            value={r[f]}
                            onChange={(e) => update(r.key, { [f]: e.target.value })}
                            onKeyDown={onEnter}
                          >
                            <option value="">–</option>
                            {opts.map((o, k) => (
                              <option key={o.code} value={o.code}>
                                {k + 1}. {o.label[locale]}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            data-cell
                            className={f === 'age' ? undefined : 'wide'}
                            inputMode={f === 'age' || f === 'phone' ? 'numeric' : undefined}
                            disabled={locked}
                            aria-label={label}
                            aria-invalid={err || (f === 'age' && r.age && !/^\d{1,2}$/.test(r.age)) ? true : undefined}
                            value={r[f]}
                            onChange={(e) => update(r.key, { [f]: e.target.value })}
                            onKeyDown={onEnter}
                          />
                        )}
                      </td>
                    );
                  })}
                  {questions.map((q) => (
                    <td key={q}>
                      <input
                        data-cell
                        inputMode="numeric"
                        maxLength={1}
                        disabled={locked}
                        aria-label={cellLabel(i, q)}
                        aria-invalid={answerInvalid(r.answers[q]) || r.fields?.[`answers.${q}`] ? true : undefined}
                        value={r.answers[q] ?? ''}
                        onChange={(e) => update(r.key, { answers: { ...r.answers, [q]: e.target.value.slice(-1) } })}
                        onKeyDown={(e) => onAnswerKey(e, r, q)}
                      />
                    </td>
                  ))}
                  <td className="nowrap" aria-live="polite">
                    {r.state === 'saved'
                      ? t('web.skm.paper.saved', { seq: r.seqNo ?? '' })
                      : r.state === 'saving'
                        ? t('web.common.loading')
                        : r.state === 'error'
                          ? t('web.skm.paper.error')
                          : ''}
                    {r.message ? <span className={r.state === 'error' ? 'field-error' : 'small'}> {r.message}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            const last = rows[rows.length - 1];
            setRows([...rows, emptyRow(last?.date, last?.service)]);
          }}
        >
          {t('web.skm.paper.addRow')}
        </button>
        <button type="button" className="btn btn-primary" onClick={saveAll}>
          {t('web.common.save')}
        </button>
      </div>
    </>
  );
}
