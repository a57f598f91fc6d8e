import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorSummary, Field, Loading, Notice } from '../components/form.tsx';
import { Pagination } from '../components/pagination.tsx';
import { type Page, post } from '../lib/api.ts';
import { useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDateTime, useI18n, useT } from '../lib/i18n.tsx';
import { SkmLoadError, skmCan, UnitTabs } from './common.tsx';
import type { Campaign, Invalidation, ResponseRow } from './types.ts';

const PAGE_SIZE = 25;
const REASONS = ['duplicate', 'not_a_customer', 'unclear_identity'] as const;

type Act = { kind: 'propose' | 'invalidate' | 'reinstate'; row: ResponseRow } | { kind: 'reject'; inv: Invalidation } | null;

export function ResponsesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { id, unitId } = useParams() as { id: string; unitId: string };
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const validity = params.get('validity') ?? '';
  const serviceId = params.get('serviceId') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, validity, serviceId });
  const [act, setAct] = useState<Act>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const campaign = useApi<Campaign>(`/campaigns/${id}`);
  const unitName = campaign.data?.units.find((u) => u.unitId === unitId)?.name ?? '';
  useTitle(`${t('web.skm.responses.title')} ${unitName}`);
  const list = useApi<Page<ResponseRow>>(`/campaigns/${id}/units/${unitId}/responses`, {
    q,
    validity,
    serviceId,
    page,
    pageSize: PAGE_SIZE,
  });
  const proposals = useApi<Page<Invalidation>>(`/campaigns/${id}/invalidations`, { unitId, status: 'pending' });
  const decideAction = useAction();

  const apply = (next: typeof draft & { page?: number }) => {
    const p = new URLSearchParams();
    if (next.q.trim()) p.set('q', next.q.trim());
    if (next.validity) p.set('validity', next.validity);
    if (next.serviceId) p.set('serviceId', next.serviceId);
    if (next.page && next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  const done = (msg: string) => {
    setAct(null);
    setFlash(msg);
    list.reload();
    proposals.reload();
  };
  const approve = async (inv: Invalidation) => {
    const ok = await decideAction.run(async () => {
      await post(`/invalidations/${inv.id}/approve`, {});
      return true;
    });
    if (ok) done(t('web.skm.cleanse.approved', { seq: inv.seqNo }));
  };
  const base = `/api/v1/campaigns/${id}/units/${unitId}`;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/app/skm/${id}`}>← {campaign.data?.name ?? t('web.skm.campaign')}</Link>
      </p>
      <h1>
        {t('web.skm.responses.title')} {unitName}
      </h1>
      <UnitTabs campaignId={id} unitId={unitId} />
      <p className="actions">
        <a className="btn btn-secondary" href={`${base}/responses.xlsx`} download>
          {t('web.skm.responses.export')}
        </a>
        <a className="btn btn-secondary" href={`${base}/validity-matrix.xlsx`} download>
          {t('web.skm.responses.matrixXlsx')}
        </a>
        <a className="btn btn-secondary" href={`${base}/validity-matrix.pdf`} download>
          {t('web.skm.responses.matrixPdf')}
        </a>
      </p>
      {flash ? <Notice kind="success">{flash}</Notice> : null}
      <ErrorSummary error={decideAction.error} title={t('web.skm.cleanse.refused')} />
      {proposals.data?.items.length ? (
        <section className="section" aria-labelledby="proposals-title">
          <h2 id="proposals-title">{t('web.skm.cleanse.proposals')}</h2>
          <div className="table-wrap">
            <table className="compact">
              <caption className="sr-only">{t('web.skm.cleanse.proposals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('web.skm.responses.seqNo')}</th>
                  <th scope="col">{t('web.common.reason')}</th>
                  <th scope="col">{t('web.skm.cleanse.note')}</th>
                  <th scope="col">{t('web.skm.cleanse.proposedBy')}</th>
                  {skmCan.decide(me) ? <th scope="col">{t('web.common.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {proposals.data.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.seqNo}</td>
                    <td>{t(`web.skm.reason.${p.reason}`)}</td>
                    <td>{p.note ?? ''}</td>
                    <td>{p.proposedByName ?? p.proposedBy ?? ''}</td>
                    {skmCan.decide(me) ? (
                      <td className="row-actions">
                        <button type="button" className="btn btn-link" disabled={decideAction.busy} onClick={() => approve(p)}>
                          {t('web.skm.cleanse.approve')}
                          <span className="sr-only"> {p.seqNo}</span>
                        </button>
                        <button type="button" className="btn btn-link danger" onClick={() => setAct({ kind: 'reject', inv: p })}>
                          {t('web.skm.cleanse.reject')}
                          <span className="sr-only"> {p.seqNo}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {act ? <ActionForm act={act} onCancel={() => setAct(null)} onDone={done} /> : null}
      <search aria-label={t('web.skm.responses.filters')}>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            apply(draft);
          }}
        >
          <Field label={t('web.skm.responses.search')} name="q">
            {(p) => <input {...p} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />}
          </Field>
          <Field label={t('web.skm.responses.validity')} name="validity">
            {(p) => (
              <select {...p} value={draft.validity} onChange={(e) => setDraft({ ...draft, validity: e.target.value })}>
                <option value="">{t('web.common.all')}</option>
                <option value="valid">{t('web.skm.validity.valid')}</option>
                <option value="invalidation_proposed">{t('web.skm.validity.invalidation_proposed')}</option>
                <option value="invalid">{t('web.skm.validity.invalid')}</option>
              </select>
            )}
          </Field>
          <div className="filter-actions">
            <button type="submit" className="btn btn-primary">
              {t('web.common.apply')}
            </button>
          </div>
        </form>
      </search>
      <SkmLoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('web.skm.responses.title')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('web.skm.responses.seqNo')}
                  </th>
                  <th scope="col">{t('web.skm.responses.time')}</th>
                  <th scope="col">{t('web.skm.service')}</th>
                  <th scope="col">{t('web.skm.responses.name')}</th>
                  <th scope="col">{t('web.skm.responses.validity')}</th>
                  <th scope="col">{t('web.skm.responses.hint')}</th>
                  <th scope="col">{t('web.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td className="num">{r.seqNo}</td>
                    <td className="nowrap">{formatDateTime(locale, r.submittedAt)}</td>
                    <td>{r.serviceName ?? ''}</td>
                    <td>{r.fullName ?? ''}</td>
                    <td>
                      {r.validity === 'invalid' ? (
                        <span className="badge badge-danger">{t('web.skm.validity.invalid')}</span>
                      ) : (
                        t(`web.skm.validity.${r.validity}`)
                      )}
                      {r.counted === false && r.validity !== 'invalid' ? (
                        <span className="muted small"> · {t('web.skm.responses.notCounted')}</span>
                      ) : null}
                    </td>
                    <td>{r.duplicateHint ?? ''}</td>
                    <td className="row-actions">
                      {r.validity === 'valid' && skmCan.propose(me) ? (
                        <button type="button" className="btn btn-link" onClick={() => setAct({ kind: 'propose', row: r })}>
                          {t('web.skm.cleanse.propose')}
                          <span className="sr-only"> {r.seqNo}</span>
                        </button>
                      ) : null}
                      {r.validity !== 'invalid' && skmCan.decide(me) ? (
                        <button
                          type="button"
                          className="btn btn-link danger"
                          onClick={() => setAct({ kind: 'invalidate', row: r })}
                        >
                          {t('web.skm.cleanse.invalidate')}
                          <span className="sr-only"> {r.seqNo}</span>
                        </button>
                      ) : null}
                      {r.validity === 'invalid' && skmCan.decide(me) ? (
                        <button type="button" className="btn btn-link" onClick={() => setAct({ kind: 'reinstate', row: r })}>
                          {t('web.skm.cleanse.reinstate')}
                          <span className="sr-only"> {r.seqNo}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
                {list.data.items.length === 0 ? (
                  <tr>
                    <td colSpan={7}>{t('web.skm.responses.none')}</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPage={(p) => apply({ q, validity, serviceId, page: p })}
            noun={t('web.skm.responses.noun')}
          />
        </>
      ) : null}
    </>
  );
}

function ActionForm({ act, onCancel, onDone }: { act: NonNullable<Act>; onCancel(): void; onDone(msg: string): void }) {
  const t = useT();
  const [reason, setReason] = useState<string>(act.kind === 'reinstate' || act.kind === 'reject' ? '' : 'duplicate');
  const [note, setNote] = useState('');
  const action = useAction();
  const seq = act.kind === 'reject' ? act.inv.seqNo : act.row.seqNo;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      if (act.kind === 'propose') await post(`/responses/${act.row.id}/invalidation-proposals`, { reason, note });
      if (act.kind === 'invalidate') await post(`/responses/${act.row.id}/invalidate`, { reason, note });
      if (act.kind === 'reinstate') await post(`/responses/${act.row.id}/reinstate`, { reason });
      if (act.kind === 'reject') await post(`/invalidations/${act.inv.id}/reject`, { note });
      return true;
    });
    if (ok) onDone(t(`web.skm.cleanse.done.${act.kind}`, { seq }));
  };
  const title = t(`web.skm.cleanse.${act.kind}Title`, { seq });
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <ErrorSummary error={action.error} />
      <form onSubmit={submit} noValidate className="grid-form">
        {act.kind === 'propose' || act.kind === 'invalidate' ? (
          <Field label={t('web.common.reason')} name="reason" error={action.error} required>
            {(p) => (
              <select {...p} value={reason} onChange={(e) => setReason(e.target.value)}>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`web.skm.reason.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {act.kind === 'reinstate' ? (
          <Field label={t('web.common.reason')} name="reason" error={action.error} required className="span-2">
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        ) : (
          <Field label={t('web.skm.cleanse.note')} name="note" error={action.error} className="span-2">
            {(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
          </Field>
        )}
        <div className="actions span-all">
          <button type="submit" className="btn btn-primary" disabled={action.busy}>
            {t('web.common.save')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('web.common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
