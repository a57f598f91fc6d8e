import { Link } from 'react-router';
import { Loading } from '../components/form.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import { SkmLoadError, StatusBadge } from '../skm/common.tsx';
import type { CampaignSummary } from '../skm/types.ts';
import { boardPage } from './types.ts';

/** Entry point from the menu: the SKM campaigns, each leading to its board of unit reports. */
export function ReportsIndexPage() {
  const t = useT();
  useTitle(t('web.skmReport.index.title'));
  const list = useApi<{ campaigns: CampaignSummary[] }>('/campaigns');
  if (!list.data) return list.error ? <SkmLoadError error={list.error} /> : <Loading />;
  const campaigns = list.data.campaigns.filter((c) => c.kind === 'skm');
  return (
    <>
      <h1>{t('web.skmReport.index.title')}</h1>
      <p className="hint">{t('web.skmReport.index.hint')}</p>
      {campaigns.length === 0 ? (
        <p className="muted">{t('web.skmReport.index.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('web.skmReport.index.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('web.skmReport.campaign')}</th>
                <th scope="col">{t('web.skmReport.index.year')}</th>
                <th scope="col">{t('web.skmReport.index.status')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={boardPage(c.id)}>{c.name}</Link>
                  </th>
                  <td>{c.year}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
