/** Shapes of the report-workflow API (src/modules/reports/skm-report.schema.ts) as the UI reads them. */
export type ReportStatus = 'draft' | 'submitted' | 'accepted';
export type MatrixStatus = 'pending' | 'submitted' | 'nihil';

export interface ReportCheck {
  code: 'statement' | 'validityMatrix' | 'shortfallJustification';
  ok: boolean;
  message: string;
  unitServiceId: string | null;
  serviceName: string | null;
}

export interface TimelineRow {
  activity: string;
  start: string;
  end: string;
}

export interface UnitReport {
  campaign: { id: string; name: string; year: number; status: string; reportDue: string | null };
  unit: { id: string; code: string; name: string };
  id: string | null;
  status: ReportStatus;
  version: number;
  sections: Record<string, string>;
  timeline: TimelineRow[];
  statement: {
    id: string;
    fileName: string | null;
    mediaType: string | null;
    sizeBytes: number | null;
    uploadedBy: string | null;
    uploadedAt: string;
  } | null;
  validityMatrix: { status: MatrixStatus; at: string | null; invalidResponses: number };
  submittedBy: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNotes: string | null;
  checks: ReportCheck[];
  can: { edit: boolean; submit: boolean; review: boolean };
  updatedAt: string | null;
}

export interface Justifications {
  editable: boolean;
  services: {
    unitServiceId: string;
    serviceName: string;
    target: number;
    valid: number;
    counted: number;
    shortfall: number;
    required: boolean;
    text: string | null;
    enteredBy: string | null;
    enteredAt: string | null;
  }[];
}

export interface BoardRow {
  unitId: string;
  unitCode: string;
  unitName: string;
  status: ReportStatus;
  submittedAt: string | null;
  acceptedAt: string | null;
  reviewNotes: string | null;
  deadline: string | null;
  late: boolean;
  missing: ReportCheck[];
}

export interface Board {
  campaign: { id: string; name: string; year: number; status: string; reportDue: string | null };
  today: string;
  rows: BoardRow[];
}

export interface NotificationList {
  unread: number;
  items: {
    id: string;
    kind: string;
    title: string;
    body: string;
    link: string | null;
    unitId: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
}

/** The free-text sections in report order (src/modules/reports/report-sections.ts). */
export { REPORT_SECTION_KEYS } from '../../modules/reports/report-sections.ts';

/** API addresses of one unit's report and its documents (the PDF/DOCX come from the report generator). */
export const reportApi = (campaignId: string, unitId: string) => {
  const unit = `/campaigns/${campaignId}/units/${unitId}`;
  return {
    report: `${unit}/report`,
    justifications: `${unit}/shortfall-justifications`,
    signedStatement: `/api/v1${unit}/report/statement/file`,
    blankStatementPdf: `/api/v1${unit}/report/statement.pdf`,
    reportPdf: `/api/v1${unit}/laporan-skm.pdf`,
    reportDocx: `/api/v1${unit}/laporan-skm.docx`,
    matrixPdf: `/api/v1${unit}/validity-matrix.pdf`,
    matrixXlsx: `/api/v1${unit}/validity-matrix.xlsx`,
  };
};

export const reportPage = (campaignId: string, unitId: string) => `/app/laporan-skm/${campaignId}/unit/${unitId}`;
export const boardPage = (campaignId: string) => `/app/laporan-skm/${campaignId}`;
