/** Shared pieces of the RTL screens (issue 6): API shapes, labels, the download links. */
import type { ReactNode } from 'react';
import { ApiError, type FieldIssue } from '../lib/api.ts';
import { hasRole } from '../lib/auth.tsx';
import type { Me } from '../lib/types.ts';

export interface Evidence {
  id: string;
  kind: 'file' | 'url';
  fileName: string | null;
  url: string | null;
  description: string | null;
  supersededBy: string | null;
  uploadedAt: string;
}

export interface Evaluation {
  id: string;
  cycleId: string;
  status: 'open' | 'close';
  reasonCode: string | null;
  note: string | null;
  evaluationDate: string;
  updates: { id: string; date: string; text: string }[];
}

export interface Action {
  id: string;
  unitId: string;
  assignmentId: string | null;
  allServices: boolean;
  elements: { instrument: string; code: string }[];
  causeAnalysis: string | null;
  actionText: string;
  timeline: string | null;
  timelineDate: string | null;
  pic: string | null;
  implementationStatus: 'planned' | 'in_progress' | 'done' | 'not_done';
  realisationText: string | null;
  realisedAt: string | null;
  obstacles: string | null;
  strategy: { strategyText: string; targetDate?: string; pic?: string; stakeholders?: string } | null;
  evaluationStatus: 'unevaluated' | 'open' | 'close';
  historical: boolean;
  evidence: Evidence[];
  evaluations: Evaluation[];
}

export interface Assignment {
  id: string;
  unitId: string;
  number: number;
  type: string;
  text: string;
  basisYear: number;
  corrected: boolean;
  requiredItems: { elementCode: string; serviceName?: string; value?: string; grade?: string; declineAmount?: string }[];
  planStatus: 'draft' | 'submitted' | 'approved';
  responseStatus: 'responded' | 'missing';
  uncovered: { elementCode: string; message: string }[];
  actions: Action[];
}

export interface Cycle {
  id: string;
  name: string;
  year: number;
  semester: number;
  basisYear: number;
  cutoffDate: string;
  status: 'draft' | 'open' | 'cut_off' | 'reported' | 'closed';
  historical: boolean;
  nextStatuses: Cycle['status'][];
}

export const ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
export const REASONS = [
  'evidence_missing',
  'evidence_insufficient',
  'not_matching_recommendation',
  'not_submitted',
  'waiting_external',
  'resubmission_required',
  'other',
];

export const rtlCan = {
  monitor: (me: Me) => hasRole(me, 'inspectorate', 'skm_coordinator', 'executive_viewer', 'planning_bureau'),
  evaluate: (me: Me) => hasRole(me, 'inspectorate'),
  operate: (me: Me, unitId: string) => me.roles.some((r) => r.role === 'unit_operator' && r.unitId === unitId),
  approve: (me: Me, unitId: string) => me.roles.some((r) => r.role === 'unit_head' && r.unitId === unitId),
};

export const unitIdsOf = (me: Me) => [
  ...new Set(
    me.roles.filter((r) => (r.role === 'unit_operator' || r.role === 'unit_head') && r.unitId).map((r) => r.unitId as string),
  ),
];

/** Multipart upload with the same error handling as the JSON client. */
export async function uploadFile<T>(path: string, file: File, locale: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale },
    });
  } catch {
    throw new ApiError(0, 'network_error', locale === 'en' ? 'The server cannot be reached' : 'Server tidak dapat dihubungi');
  }
  const json = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: FieldIssue[] };
  } | null;
  if (!res.ok) {
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.fields ?? []);
  }
  return json as T;
}

export function Downloads({ links }: { links: { href: string; label: string }[] }) {
  return (
    <ul className="rtl-downloads">
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href} download>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A horizontally scrollable table container, reachable by keyboard (axe: scrollable-region-focusable). */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
