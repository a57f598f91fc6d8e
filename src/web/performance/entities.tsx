import { Link } from 'react-router';
import { LoadError, Loading } from '../components/form.tsx';
import type { Page } from '../lib/api.ts';
import { useApi, useTitle } from '../lib/hooks.ts';
import { useT } from '../lib/i18n.tsx';
import './performance.css';

interface UnitItem {
  id: string;
  code: string;
  name: string;
  isSakipEntity: boolean;
}

/** SAKIP entities the user may see (a unit role sees its own unit only). */
export function EntitiesPage() {
  const t = useT();
  useTitle(t('web.nav.sakip'));
  const units = useApi<Page<UnitItem>>('/units', { pageSize: 100 });
  const entities = units.data?.items.filter((u) => u.isSakipEntity) ?? [];
  return (
    <>
      <h1>{t('web.nav.sakip')}</h1>
      <p className="lead">{t('web.nav.sakip.about')}</p>
      <LoadError error={units.error} />
      {units.loading && !units.data ? <Loading /> : null}
      {units.data && entities.length === 0 ? <p>{t('web.perf.noEntities')}</p> : null}
      <ul>
        {entities.map((u) => (
          <li key={u.id}>
            <Link to={`/app/sakip/${u.id}`}>{u.name}</Link> <span className="muted">({u.code})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
