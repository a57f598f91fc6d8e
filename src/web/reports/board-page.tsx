import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { CheckboxField, ErrorSummary, Field, Loading, Notice } from '../components/form.tsx';
import { post } from '../lib/api.ts';
import { hasRole, useMe } from '../lib/auth.tsx';
import { useAction, useApi, useTitle } from '../lib/hooks.ts';
import { formatDate, formatDateTime, useI18n } from '../lib/i18n.tsx';
import { ConfirmDialog, SkmLoadError } from '../skm/common.tsx';
import { ReportStatusBadge } from './common.tsx';
import { type Board, type BoardRow, reportApi, reportPage } from './types.ts';

/**
 * The coordinator's board (DOMAIN 5.12.3): every unit's report against the deadline, late ones
 * flagged, in-app reminders to the selected late units, and return/accept of submitted reports.
 * Unit roles see the same table for their own units only.
 */
export function ReportsBoardPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { id } = useParams() as { id: string };
  const [lateOnly, setLateOnly] = useState(false);
  const board = useApi<Board>(`/campaigns/${id}/reports`, lateOnly ? { late: 'true' } : undefined);
  const coordinator = hasRole(me, 'skm_coordinator');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const remind = useAction();
  const [reminded, setReminded] = useState<string | null>(null);
  const [review, setReview] = useState<{ row: BoardRow; decision: 'accept' | 'return' } | null>(null);
  const [notes, setNotes] = useState('');
  const reviewAction = useAction();
  const [reviewed, setReviewed] = useState<string | null>(null);
  const b = board.data;
  useTitle(b ? t('web.skmReport.board.title', { campaign: b.campaign.name }) : t('web.skmReport.board.titlePlain'));

  if (!b) return board.error ? <SkmLoadError error={board.error} /> : <Loading />;
  const lateRows = b.rows.filter((r) => r.late);
  const sendReminders = async (unitIds?: string[]) => {
    setReminded(null);
    const r = await remind.run(() =>
      post<{ units: number; notified: number }>(`/campaigns/${id}/reports/reminders`, unitIds ? { unitIds } : {}),
    );
    if (r) {
      setReminded(t('web.skmReport.board.reminded', { units: r.units, users: r.notified }));
      setSelected(new Set());
    }
  };
  const decide = async () => {
    if (!review) return;
    const { row, decision } = review;
    const url = `${reportApi(id, row.unitId).report}/${decision}`;
    const r = await reviewAction.run(() => post(url, decision === 'return' ? { notes } : { notes: notes || undefined }));
    if (r) {
      setReviewed(t(`web.skmReport.board.done.${decision}`, { unit: row.unitName }));
      setReview(null);
      setNotes('');
      board.reload();
    }
  };
  const toggle = (unitId: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(unitId);
      else next.delete(unitId);
      return next;
    });

  return (
    <>
      <p className="breadcrumb">
        <Link to="/app/laporan-skm">{t('web.skmReport.index.back')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('web.skmReport.board.title', { campaign: b.campaign.name })}</h1>
      </div>
      <dl className="facts">
        <dt>{t('web.skmReport.deadline')}</dt>
        <dd>{b.campaign.reportDue ? formatDate(locale, b.campaign.reportDue) : t('web.skmReport.board.noDeadline')}</dd>
        <dt>{t('web.skmReport.board.lateCount')}</dt>
        <dd>{lateOnly ? b.rows.length : lateRows.length}</dd>
      </dl>
      {reminded ? <Notice kind="success">{reminded}</Notice> : null}
      {reviewed ? <Notice kind="success">{reviewed}</Notice> : null}
      <ErrorSummary error={remind.error} />
      <div className="toolbar">
        <CheckboxField
          label={t('web.skmReport.board.lateOnly')}
          name="lateOnly"
          checked={lateOnly}
          onChange={(v) => {
            setLateOnly(v);
            setSelected(new Set());
          }}
        />
        {coordinator ? (
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={remind.busy || selected.size === 0}
              onClick={() => sendReminders([...selected])}
            >
              {t('web.skmReport.board.remindSelected', { n: selected.size })}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              disabled={remind.busy || lateRows.length === 0}
              onClick={() => sendReminders()}
            >
              {t('web.skmReport.board.remindAllLate')}
            </button>
          </div>
        ) : null}
      </div>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">{t('web.skmReport.board.caption')}</caption>
          <thead>
            <tr>
              {coordinator ? (
                <th scope="col">
                  <span className="sr-only">{t('web.skmReport.board.select')}</span>
                </th>
              ) : null}
              <th scope="col">{t('web.skmReport.board.unit')}</th>
              <th scope="col">{t('web.skmReport.board.status')}</th>
              <th scope="col">{t('web.skmReport.submittedAt')}</th>
              <th scope="col">{t('web.skmReport.board.acceptedAt')}</th>
              <th scope="col">{t('web.skmReport.deadline')}</th>
              <th scope="col">{t('web.skmReport.board.missing')}</th>
              {coordinator ? <th scope="col">{t('web.common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {b.rows.length === 0 ? (
              <tr>
                <td colSpan={coordinator ? 8 : 6} className="muted">
                  {t('web.skmReport.board.empty')}
                </td>
              </tr>
            ) : null}
            {b.rows.map((r) => (
              <tr key={r.unitId} className={r.late ? 'row-late' : undefined}>
                {coordinator ? (
                  <td>
                    {r.late ? (
                      <input
                        type="checkbox"
                        aria-label={t('web.skmReport.board.selectUnit', { unit: r.unitName })}
                        checked={selected.has(r.unitId)}
                        onChange={(e) => toggle(r.unitId, e.target.checked)}
                      />
                    ) : null}
                  </td>
                ) : null}
                <th scope="row">
                  <Link to={reportPage(id, r.unitId)}>{r.unitName}</Link>
                </th>
                <td>
                  <ReportStatusBadge status={r.status} returned={r.status === 'draft' && r.reviewNotes !== null} />{' '}
                  {r.late ? <span className="badge badge-danger">{t('web.skmReport.board.late')}</span> : null}
                </td>
                <td>{r.submittedAt ? formatDateTime(locale, r.submittedAt) : '–'}</td>
                <td>{r.acceptedAt ? formatDateTime(locale, r.acceptedAt) : '–'}</td>
                <td>{r.deadline ? formatDate(locale, r.deadline) : '–'}</td>
                <td>
                  {r.missing.length ? (
                    <ul className="missing-list">
                      {r.missing.map((m) => (
                        <li key={`${m.code}-${m.unitServiceId ?? ''}`}>{m.message}</li>
                      ))}
                    </ul>
                  ) : (
                    '–'
                  )}
                </td>
                {coordinator ? (
                  <td className="row-actions">
                    {r.status === 'submitted' ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-primary btn-small"
                          onClick={() => setReview({ row: r, decision: 'accept' })}
                        >
                          {t('web.skmReport.accept')}
                          <span className="sr-only"> {r.unitName}</span>
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          onClick={() => setReview({ row: r, decision: 'return' })}
                        >
                          {t('web.skmReport.return')}
                          <span className="sr-only"> {r.unitName}</span>
                        </button>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={review !== null}
        title={review ? `${t(`web.skmReport.confirm.${review.decision}`)} – ${review.row.unitName}` : ''}
        confirmLabel={review ? t(`web.skmReport.${review.decision}`) : ''}
        busy={reviewAction.busy}
        onConfirm={decide}
        onClose={() => {
          setReview(null);
          reviewAction.setError(undefined);
        }}
      >
        <ErrorSummary error={reviewAction.error} />
        <Field
          label={t(review?.decision === 'return' ? 'web.skmReport.notes' : 'web.skmReport.notesOptional')}
          name="notes"
          error={reviewAction.error}
          required={review?.decision === 'return'}
        >
          {(p) => <textarea {...p} rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} />}
        </Field>
      </ConfirmDialog>
    </>
  );
}
