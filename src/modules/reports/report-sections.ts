/**
 * The parts of the Laporan SKM that need human words (DOMAIN 5.13.1). Stored per report in
 * `skm_report.sections_json`, edited in the UI, and kept when the report is generated again;
 * everything else in the report is generated from the data.
 */
export const REPORT_SECTION_KEYS = [
  /** 2.1 Pelaksana SKM: the team decree and members. */
  'team',
  /** 2.3 Lokasi Pengumpulan Data: where and how (added to the generated link sentence). */
  'location',
  /** 4.1 Problem description behind the weakest elements. */
  'problemAnalysis',
  /** 4.2 The forum (internal meeting or FKP) and its date where the RTL was discussed. */
  'rtlForum',
  /** 4.3 Extra words on the trend, after the generated sentence. */
  'trendNotes',
  /** BAB V extra conclusions after the generated ones. */
  'conclusionNotes',
] as const;
export type ReportSectionKey = (typeof REPORT_SECTION_KEYS)[number];
export type ReportSections = Partial<Record<ReportSectionKey, string>>;

export interface TimelineRow {
  activity: string;
  /** `YYYY-MM-DD` */
  start: string;
  end: string;
}

/** Organisation-wide BAB I texts (app_setting key `report.skm.chapter1`), editable by the coordinator. */
export const CHAPTER1_SETTING_KEY = 'report.skm.chapter1';
export interface Chapter1Texts {
  background: string;
  legalBasis: string[];
  purpose: string;
}
