import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorSummary, Field, LoadError, Loading, Notice } from '../components/form.tsx';
import { ApiError, put } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { EntityNav, PeriodPicker, perfCan, usePeriod } from './common.tsx';
import type { Narrative, NarrativeList, Plan } from './types.ts';

type Scope = 'entity' | 'sasaran' | 'indicator';

/** One section: its text and the version it was loaded at; a stale save is refused by the server (409). */
function SectionEditor(props: {
  unitId: string;
  year: number;
  quarter: number;
  scope: Scope;
  code: string | null;
  section: string;
  label: string;
  current: Narrative | undefined;
  readOnly: boolean;
  onSaved(): void;
}) {
  const t = useT();
  const [text, setText] = useState(props.current?.text ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const name = `${props.scope}.${props.code ?? ''}.${props.section}`;
  const save = async () => {
    setSaved(false);
    const ok = await action.run(async () => {
      await put(`/performance/entities/${props.unitId}/narratives/${props.year}/${props.quarter}`, {
        scope: props.scope,
        ...(props.code ? { code: props.code } : {}),
        section: props.section,
        text,
        version: props.current?.version ?? 0,
      });
      return true;
    });
    if (ok) {
      setSaved(true);
      props.onSaved();
    }
  };
  const conflict = action.error instanceof ApiError && action.error.status === 409;
  return (
    <div className="card">
      <Field
        label={props.label}
        name={name}
        hint={
          props.current?.inheritedFrom
            ? t('web.perf.narrative.inherited', {
                year: props.current.inheritedFrom.year,
                quarter: props.current.inheritedFrom.quarter,
              })
            : undefined
        }
      >
        {(p) => (
          <textarea
            {...p}
            className="narrative-text"
            readOnly={props.readOnly}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <ErrorSummary error={action.error} />
      {conflict ? (
        <button type="button" className="btn btn-secondary" onClick={props.onSaved}>
          {t('web.perf.narrative.reload')}
        </button>
      ) : null}
      {saved ? <Notice kind="success">{t('web.perf.narrative.saved')}</Notice> : null}
      {props.readOnly ? null : (
        <button type="button" className="btn btn-primary" disabled={action.busy} onClick={save}>
          {t('web.perf.narrative.save')}
          <span className="sr-only"> {props.label}</span>
        </button>
      )}
    </div>
  );
}

/** Issue 7 item 8: the written parts of the LAPKIN; numbers and tables are generated, never typed here. */
export function NarrativesPage() {
  const t = useT();
  const { unitId = '' } = useParams();
  const { state } = useAuth();
  const me = state.status === 'authenticated' ? state.me : null;
  const period = usePeriod(new Date().getFullYear());
  const plan = useApi<Plan>(`/performance/entities/${unitId}/plan`, { year: period.year });
  const list = useApi<NarrativeList>(`/performance/entities/${unitId}/narratives/${period.year}/${period.quarter}`);
  const [scope, setScope] = useState<Scope>('entity');
  const [code, setCode] = useState('');
  useTitle(`${t('web.perf.nav.narrative')} · ${plan.data?.entity.name ?? t('web.nav.sakip')}`);
  const readOnly = !me || !perfCan.write(me, unitId) || list.data?.finalised === true;
  const targets =
    scope === 'sasaran'
      ? (plan.data?.sasaran.map((s) => ({ code: s.code, name: s.name })) ?? [])
      : (plan.data?.indicators.map((i) => ({ code: i.code, name: i.name })) ?? []);
  const sections = list.data?.sections.filter((s) => s.scope === scope) ?? [];
  const key = `${period.year}-${period.quarter}-${scope}-${code}-${list.data ? JSON.stringify(list.data.narratives.map((n) => n.version)) : ''}`;
  return (
    <>
      <h1>{t('web.perf.nav.narrative')}</h1>
      <EntityNav name={plan.data?.entity.name ?? ''} search={period.search} />
      <PeriodPicker year={period.year} quarter={period.quarter} onChange={period.set} />
      <p>{t('web.perf.narrative.about')}</p>
      {list.data?.finalised ? <Notice kind="warning">{t('web.perf.narrative.finalised')}</Notice> : null}
      <LoadError error={plan.error ?? list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      <div className="perf-period">
        <Field label={t('web.perf.narrative.scope')} name="scope">
          {(p) => (
            <select
              {...p}
              value={scope}
              onChange={(e) => {
                setScope(e.target.value as Scope);
                setCode('');
              }}
            >
              {(['entity', 'sasaran', 'indicator'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`web.perf.narrative.scope.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scope !== 'entity' ? (
          <Field label={t(scope === 'sasaran' ? 'web.perf.sasaran' : 'web.perf.indicator')} name="scopeCode">
            {(p) => (
              <select {...p} value={code} onChange={(e) => setCode(e.target.value)}>
                <option value="">–</option>
                {targets.map((x) => (
                  <option key={x.code} value={x.code}>
                    {x.code}. {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      {list.data && (scope === 'entity' || code) ? (
        <div key={key}>
          {sections.map((s) => (
            <SectionEditor
              key={s.section}
              unitId={unitId}
              year={period.year}
              quarter={period.quarter}
              scope={scope}
              code={scope === 'entity' ? null : code}
              section={s.section}
              label={s.label}
              current={list.data?.narratives.find(
                (n) => n.scope === scope && n.section === s.section && (scope === 'entity' || n.code === code),
              )}
              readOnly={readOnly}
              onSaved={list.reload}
            />
          ))}
        </div>
      ) : null}
    </>
  );
}
