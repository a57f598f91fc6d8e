import { formatNumber, useI18n } from '../lib/i18n.tsx';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
  /** What is counted, already translated (e.g. "unit"). */
  noun: string;
}

export function Pagination({ page, pageSize, total, onPage, noun }: Props) {
  const { t, locale } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pagination" aria-label={t('web.pagination.label')}>
      <p className="count" aria-live="polite">
        {t('web.pagination.showing', {
          from: formatNumber(locale, from),
          to: formatNumber(locale, to),
          total: formatNumber(locale, total),
          noun,
        })}
      </p>
      {pages > 1 ? (
        <div className="pager">
          <button type="button" className="btn btn-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t('web.pagination.previous')}
          </button>
          <span>{t('web.pagination.page', { page, pages })}</span>
          <button type="button" className="btn btn-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t('web.pagination.next')}
          </button>
        </div>
      ) : null}
    </nav>
  );
}
