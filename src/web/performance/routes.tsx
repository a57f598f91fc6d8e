/** The SAKIP performance screens, one lazily loaded chunk (the shell stays light). */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/simple.tsx';
import { DashboardPage } from './dashboard.tsx';
import { EntitiesPage } from './entities.tsx';
import { NarrativesPage } from './narratives.tsx';
import { PlanPage } from './plan.tsx';
import { RealisationPage } from './realisation.tsx';
import { RevisionsPage } from './revisions.tsx';

export default function PerformanceRoutes() {
  return (
    <Routes>
      <Route index element={<EntitiesPage />} />
      <Route path=":unitId" element={<DashboardPage />} />
      <Route path=":unitId/rencana" element={<PlanPage />} />
      <Route path=":unitId/realisasi" element={<RealisationPage />} />
      <Route path=":unitId/revisi" element={<RevisionsPage />} />
      <Route path=":unitId/narasi" element={<NarrativesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
