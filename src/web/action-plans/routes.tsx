/** RTL and the Inspectorate's monitoring (issue 6), one lazily loaded chunk. */
import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useAuth } from '../lib/auth.tsx';
import type { Me } from '../lib/types.ts';
import { ForbiddenPage, NotFoundPage } from '../pages/simple.tsx';
import { rtlCan } from './common.tsx';
import { CyclePage, MonitoringPage } from './monitoring.tsx';
import { AssignmentPage, RtlHomePage, UnitRtlPage } from './unit.tsx';
import './rtl.css';

function Allow({ when, children }: { when: (me: Me) => boolean; children: ReactNode }) {
  const { state } = useAuth();
  if (state.status !== 'authenticated') return null;
  return when(state.me) ? children : <ForbiddenPage />;
}

export default function RtlRoutes() {
  return (
    <Routes>
      <Route index element={<RtlHomePage />} />
      <Route path="unit/:unitId" element={<UnitRtlPage />} />
      <Route path="rekomendasi/:id" element={<AssignmentPage />} />
      <Route
        path="monitoring"
        element={
          <Allow when={rtlCan.monitor}>
            <MonitoringPage />
          </Allow>
        }
      />
      <Route path="siklus/:id" element={<CyclePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
