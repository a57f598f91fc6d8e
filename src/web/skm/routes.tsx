/** The SKM and SPKP/SPAK screens, one lazily loaded chunk (the shell stays light). */
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useAuth } from '../lib/auth.tsx';
import type { Me } from '../lib/types.ts';
import { ForbiddenPage, NotFoundPage } from '../pages/simple.tsx';
import { CampaignPage } from './campaign.tsx';
import { CampaignCreatePage, CampaignsPage } from './campaigns.tsx';
import { skmCan } from './common.tsx';
import { HistoryPage } from './history.tsx';
import { ImportPage } from './import.tsx';
import { PaperEntryPage } from './paper.tsx';
import { PerceptionHomePage } from './perception-home.tsx';
import { PerceptionMonthsPage } from './perception-months.tsx';
import { ResponsesPage } from './responses.tsx';
import { BpomResultsPage, PerceptionPage, UnitResultsPage } from './results.tsx';

function Allow({ when, children }: { when: (me: Me) => boolean; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return null;
  return when(state.me) ? children : <ForbiddenPage />;
}

export default function SkmRoutes() {
  return (
    <Routes>
      <Route index element={<CampaignsPage />} />
      <Route
        path="baru"
        element={
          <Allow when={skmCan.manage}>
            <CampaignCreatePage />
          </Allow>
        }
      />
      <Route
        path="riwayat"
        element={
          <Allow when={skmCan.history}>
            <HistoryPage />
          </Allow>
        }
      />
      <Route path=":id" element={<CampaignPage />} />
      <Route path=":id/hasil" element={<BpomResultsPage />} />
      <Route path=":id/unit/:unitId" element={<UnitResultsPage />} />
      <Route path=":id/unit/:unitId/respons" element={<ResponsesPage />} />
      <Route path=":id/unit/:unitId/kertas" element={<PaperEntryPage />} />
      <Route path=":id/unit/:unitId/impor" element={<ImportPage />} />
      <Route path=":id/unit/:unitId/persepsi" element={<PerceptionPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

export function SpkpRoutes() {
  return (
    <Routes>
      <Route index element={<PerceptionHomePage />} />
      <Route path="bulan/:unitId" element={<PerceptionMonthsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
