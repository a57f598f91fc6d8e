/** The SKM report screens, one lazily loaded chunk: campaigns → board of unit reports → one unit's report. */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../pages/simple.tsx';
import { ReportsBoardPage } from './board-page.tsx';
import { ReportsIndexPage } from './index-page.tsx';
import { UnitReportPage } from './report-page.tsx';

export default function ReportRoutes() {
  return (
    <Routes>
      <Route index element={<ReportsIndexPage />} />
      <Route path=":id" element={<ReportsBoardPage />} />
      <Route path=":id/unit/:unitId" element={<UnitReportPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
