import { useState } from 'react';
import { Link } from 'react-router';
import { Field, Loading } from '../components/form.tsx';
import { useApi, useTitle } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import { SkmLoadError, StatusBadge } from './common.tsx';
import type { Campaign, CampaignSummary } from './types.ts';

/** SPKP/SPAK entry point: monthly perception results come from the campaigns' integrated form. */
export function PerceptionHomePage() {
  const { t } = useI18n();
  useTitle(t('web.nav.spkp'));
  const list = useApi<{ campaigns: CampaignSummary[] }>('/campaigns');
  const [campaignId, setCampaignId] = useState('');
  const campaign = useApi<Campaign>(campaignId ? `/campaigns/${campaignId}` : null);
  return (
    <>
      <h1>{t('web.nav.spkp')}</h1>
      <p className="lead">{t('web.nav.spkp.about')}</p>
      <p>{t('web.skm.perception.home')}</p>
      <SkmLoadError error={list.error} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <Field label={t('web.skm.campaign')} name="perceptionCampaign">
          {(p) => (
            <select {...p} value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
              <option value="">–</option>
              {list.data?.campaigns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.year})
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {campaign.data ? (
        <>
          <p>
            <StatusBadge status={campaign.data.status} />
          </p>
          <ul>
            {campaign.data.units.map((u) => (
              <li key={u.unitId}>
                <Link to={`/app/skm/${campaign.data?.id}/unit/${u.unitId}/persepsi`}>{u.name}</Link>
                {' · '}
                <Link to={`/app/spkp/bulan/${u.unitId}`}>{t('web.perception.months.link')}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
