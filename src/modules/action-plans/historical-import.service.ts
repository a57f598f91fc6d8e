import type { Db } from '../../db/connection.ts';
import type { ActionPlanTable, MonitoringCycleTable, RtlRecommendationTable } from '../../db/schema.ts';
import { completionPct, keterangan, pooledSummary, unitSummary } from '../../domain/action-plans/metrics.ts';
import { recommendationText } from '../../domain/action-plans/recommendations.ts';
import { parseTimeline, timelineDate } from '../../domain/action-plans/timeline.ts';
import { toFixedHalfUp } from '../../domain/core/rounding.ts';
import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { requireRole } from '../auth/access.ts';
import type { Actor } from '../auth/actor.ts';
import type { ServiceContext } from '../service-context.ts';
import { elementNames, type RowWarning, stateError, toActionItem, validationError } from './action-plans.common.ts';
import * as repo from './action-plans.repository.ts';
import type { ElementRef, HistoricalImportInput } from './action-plans.schema.ts';

/**
 * Historical mode (issue 6 item 6): the Inspectorate's recorded Lampiran 1 and Lampiran 2 load as they
 * were recorded. Problems (`31/12/202`, a missing timeline, `U7?`, a lower-case `close`) become warnings on
 * their rows; nothing is blocked. Only structural problems (missing columns, unreadable numbers) refuse
 * the whole file, listing every bad row. Unit entry stays strict elsewhere.
 */

function readTsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const header = (lines[0] ?? '').split('\t').map((h) => h.trim());
  return {
    header,
    rows: lines.slice(1).map((l) => {
      const cells = l.split('\t');
      return Object.fromEntries(header.map((c, i) => [c, (cells[i] ?? '').trim()]));
    }),
  };
}

/** Names compare without case, punctuation, spaces or the transcriber's asterisk ("Lubuk Linggau" = "Lubuklinggau"). */
export const normaliseName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const SUMMARY_COLS = [
  'no',
  'unit',
  'unit_type',
  'jumlah_rekomendasi',
  'jumlah_rencana_aksi_upp',
  'jumlah_rencana_aksi',
  'jumlah_sesuai',
  'persentase_doc',
];
const ITEM_COLS = ['unit_no', 'unit', 'rec_no', 'element_label', 'element_codes', 'timeline', 'status', 'note'];

const TYPE_FOR_LABEL: Record<string, string> = { 'Balai Besar POM': 'bbpom', 'Balai POM': 'bpom', 'Loka POM': 'loka' };
const centralType = (name: string) =>
  name.startsWith('Direktorat')
    ? 'directorate'
    : name.startsWith('Biro')
      ? 'bureau'
      : name.startsWith('Pusat')
        ? 'centre'
        : 'other';

export interface ImportWarning extends RowWarning {
  file: 'summary' | 'items';
  row: number;
  sourceLine: number | null;
  unit: string;
}

function parseElements(raw: string): { codes: ElementRef[]; warnings: RowWarning[] } {
  const warnings: RowWarning[] = [];
  const codes: ElementRef[] = [];
  const tokens = raw
    .split(/[+/,]/)
    .map((x) => x.trim())
    .filter((x) => x && x !== '-' && x !== '?');
  for (const tok of tokens) {
    const m = /^(U\d+)(\?)?$/i.exec(tok);
    if (!m) {
      warnings.push({ code: 'element_unreadable', message: `Kode unsur tidak dapat dibaca: "${tok}"` });
      continue;
    }
    const code = (m[1] as string).toUpperCase();
    if (m[2])
      warnings.push({ code: 'element_uncertain', message: `Unsur tidak disebutkan secara tegas: "${tok}" (dibaca ${code})` });
    if (!codes.some((c) => c.code === code)) codes.push({ instrument: 'skm', code });
  }
  if (codes.length === 0) warnings.push({ code: 'element_missing', message: 'Rencana aksi tidak menyebutkan unsur pelayanan' });
  return { codes, warnings };
}

export function createHistoricalImportService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const { audit } = deps;

  async function importMeRtl(actor: Actor, input: HistoricalImportInput) {
    requireRole(actor, ['inspectorate']);
    const summary = readTsv(input.summaryTsv);
    const items = readTsv(input.itemsTsv);
    const structural: { field: string; message: string }[] = [];
    for (const c of SUMMARY_COLS)
      if (!summary.header.includes(c)) structural.push({ field: `summaryTsv.${c}`, message: `Kolom "${c}" tidak ada` });
    for (const c of ITEM_COLS)
      if (!items.header.includes(c)) structural.push({ field: `itemsTsv.${c}`, message: `Kolom "${c}" tidak ada` });
    if (structural.length) throw validationError(structural);
    const unitRows = summary.rows.filter((r) => r.no !== 'TOTAL');
    const totalRow = summary.rows.find((r) => r.no === 'TOTAL');
    const num = (r: Record<string, string>, c: string, i: number) => {
      const v = r[c] ?? '';
      if (!/^\d+$/.test(v)) structural.push({ field: `summaryTsv.rows.${i + 2}.${c}`, message: `Bukan bilangan bulat: "${v}"` });
      return Number(v);
    };
    const recorded = unitRows.map((r, i) => ({
      no: r.no as string,
      name: (r.unit as string).replace(/\*+$/, '').trim(),
      type: r.unit_type as string,
      srcLine: Number(r.src_line) || null,
      jr: num(r, 'jumlah_rekomendasi', i),
      jru: num(r, 'jumlah_rencana_aksi_upp', i),
      jra: num(r, 'jumlah_rencana_aksi', i),
      closed: num(r, 'jumlah_sesuai', i),
      pctDoc: r.persentase_doc ?? '',
    }));
    items.rows.forEach((r, i) => {
      if (!recorded.some((u) => u.no === r.unit_no))
        structural.push({ field: `itemsTsv.rows.${i + 2}.unit_no`, message: `Nomor unit "${r.unit_no}" tidak ada di ringkasan` });
      if (!/^\d+$/.test(r.rec_no ?? ''))
        structural.push({ field: `itemsTsv.rows.${i + 2}.rec_no`, message: `Nomor rekomendasi tidak valid: "${r.rec_no}"` });
    });
    if (structural.length) throw validationError(structural);

    const existing = await ctx.db
      .selectFrom('monitoring_cycle')
      .select('id')
      .where('historical', '=', 1)
      .where('year', '=', input.year)
      .where('semester', '=', input.semester)
      .where('basis_year', '=', input.basisYear)
      .executeTakeFirst();
    if (existing) throw stateError('actionPlans.import.duplicate', { year: input.year, semester: input.semester });

    const warnings: ImportWarning[] = [];
    const now = isoNow(ctx.clock);
    return ctx.db.transaction().execute(async (trx) => {
      // ---- units: match by normalised name, else create an inactive historical unit ----
      const orgUnits = await trx.selectFrom('org_unit').select(['id', 'name', 'type', 'active']).execute();
      const byName = new Map(orgUnits.map((u) => [normaliseName(u.name), u]));
      const unitIdOf = new Map<string, string>();
      const created: { no: string; name: string; unitId: string }[] = [];
      const root = await trx.selectFrom('org_unit').select('id').where('type', '=', 'agency').executeTakeFirst();
      for (const [i, u] of recorded.entries()) {
        const match = byName.get(normaliseName(u.name));
        if (match) {
          unitIdOf.set(u.no, match.id);
          continue;
        }
        const id = newId();
        const code = `HIST-${input.basisYear}-${u.no.padStart(2, '0')}-${id.slice(-4)}`;
        await trx
          .insertInto('org_unit')
          .values({
            id,
            code,
            name: u.name,
            short_name: u.name,
            type: TYPE_FOR_LABEL[u.type] ?? centralType(u.name),
            group_label: u.type,
            parent_id: root?.id ?? null,
            location_qualifier: null,
            city: null,
            province: null,
            time_zone: 'Asia/Jakarta',
            is_public_service_unit: 1,
            is_sakip_entity: 0,
            satker_code: null,
            head_title: null,
            valid_from: `${input.basisYear}-01-01`,
            valid_to: null,
            predecessor_id: null,
            version: 1,
            active: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await audit.record(trx, {
          unitId: id,
          actor,
          entityType: 'org_unit',
          entityId: id,
          action: 'create_historical',
          after: { code, name: u.name, type: u.type, active: false },
          reason: 'Unit pada data monitoring historis tidak ditemukan pada struktur organisasi saat ini',
        });
        unitIdOf.set(u.no, id);
        created.push({ no: u.no, name: u.name, unitId: id });
        warnings.push({
          file: 'summary',
          row: i + 2,
          sourceLine: u.srcLine,
          unit: u.name,
          code: 'unit_created_inactive',
          message: `Unit "${u.name}" tidak ada pada struktur saat ini; dibuat sebagai unit historis nonaktif`,
        });
      }

      // ---- cycle (already reported: history is frozen as recorded) ----
      const cycle: MonitoringCycleTable = {
        id: newId(),
        name: input.name,
        year: input.year,
        semester: input.semester,
        basis_campaign_id: null,
        basis_year: input.basisYear,
        assignment_letter_no: null,
        assignment_letter_date: null,
        cutoff_date: input.cutoffDate,
        report_date: null,
        team_json: '[]',
        status: 'reported',
        historical: 1,
        previous_cycle_id: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        cut_off_at: now,
        reported_at: now,
        closed_at: null,
      };
      await repo.insertCycle(trx, cycle);

      // ---- recommendations 1-3 of the basis year (official texts) ----
      const recId = new Map<number, string>();
      const recNumbers = new Set<number>([3, ...items.rows.map((r) => Number(r.rec_no))]);
      for (const no of [...recNumbers].sort()) {
        const official = no === 1 || no === 2 || no === 3 ? recommendationText(no, input.basisYear) : `Rekomendasi ${no}`;
        const row: RtlRecommendationTable = {
          id: newId(),
          basis_campaign_id: null,
          basis_year: input.basisYear,
          number: no,
          type: no === 1 ? 'grade_c_elements' : no === 2 ? 'largest_declines' : no === 3 ? 'lowest_elements' : 'custom',
          official_text: official,
          target_year: input.basisYear + 1,
          origin: 'imported',
          corrected: 0,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        };
        await repo.insertRecommendation(trx, row);
        recId.set(no, row.id);
      }

      // ---- assignments: rec 3 for every unit; a second one is rec 1 if the unit answered rec 1, else rec 2 ----
      const assignmentOf = new Map<string, string>();
      const assignmentRows: { unitNo: string; number: number; id: string }[] = [];
      for (const u of recorded) {
        const numbers = new Set<number>();
        const answered = new Set(items.rows.filter((r) => r.unit_no === u.no).map((r) => Number(r.rec_no)));
        numbers.add(3);
        for (const n of [...answered].sort()) if (numbers.size < u.jr) numbers.add(n);
        if (numbers.size < u.jr) numbers.add(answered.has(1) ? 2 : answered.has(2) ? 1 : 2);
        for (const n of [...numbers].sort()) {
          const id = newId();
          const rid = recId.get(n) ?? (await ensureRec(trx, n));
          await repo.insertAssignment(trx, {
            id,
            recommendation_id: rid,
            unit_id: unitIdOf.get(u.no) as string,
            required_items_json: '[]',
            applicable: 1,
            basis_snapshots_json: '[]',
            corrected: 0,
            plan_status: 'approved',
            created_at: now,
            updated_at: now,
          });
          assignmentOf.set(`${u.no}|${n}`, id);
          assignmentRows.push({ unitNo: u.no, number: n, id });
        }
      }
      async function ensureRec(db: Db, n: number) {
        const id = newId();
        await repo.insertRecommendation(db, {
          id,
          basis_campaign_id: null,
          basis_year: input.basisYear,
          number: n,
          type: 'custom',
          official_text: `Rekomendasi ${n}`,
          target_year: input.basisYear + 1,
          origin: 'imported',
          corrected: 0,
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
        recId.set(n, id);
        return id;
      }

      // ---- actions and their evaluation in this cycle, as recorded ----
      const actions: (ActionPlanTable & { recNo: number })[] = [];
      let seq = 0;
      for (const [i, r] of items.rows.entries()) {
        const unitName = recorded.find((u) => u.no === r.unit_no)?.name ?? (r.unit as string);
        const note = r.note ?? '';
        const srcLine = Number(r.src_line) || null;
        const at = (code: string, message: string): ImportWarning => ({
          file: 'items',
          row: i + 2,
          sourceLine: srcLine,
          unit: unitName,
          code,
          message,
        });
        if (/placeholder/i.test(note) || /^-\s*\(nothing input\)/i.test(r.element_label ?? '')) {
          warnings.push(at('no_response', `Rekomendasi ${r.rec_no}: unit belum menginput rencana aksi (sel kosong pada sumber)`));
          continue;
        }
        const rowWarnings: RowWarning[] = [];
        const els = parseElements(r.element_codes ?? '');
        rowWarnings.push(...els.warnings);
        const tl = parseTimeline(r.timeline);
        if (tl.kind === 'missing') rowWarnings.push({ code: 'timeline_missing', message: 'Timeline belum diisi' });
        if (tl.kind === 'invalid') rowWarnings.push({ code: 'timeline_invalid', message: tl.message });
        const rawStatus = r.status ?? '';
        const status = rawStatus.toLowerCase() === 'close' ? 'close' : rawStatus.toLowerCase() === 'open' ? 'open' : null;
        if (status && rawStatus !== (status === 'close' ? 'Close' : 'Open'))
          rowWarnings.push({
            code: 'status_case',
            message: `Status tercatat "${rawStatus}" dibaca sebagai ${status === 'close' ? 'Close' : 'Open'}`,
          });
        if (!status) rowWarnings.push({ code: 'status_unreadable', message: `Status tidak dapat dibaca: "${rawStatus}"` });
        const counted = /beyond/i.test(note) ? 0 : 1;
        if (!counted)
          rowWarnings.push({
            code: 'not_in_recorded_count',
            message: 'Tidak termasuk dalam jumlah rencana aksi Lampiran 1 yang tercatat',
          });
        for (const w of rowWarnings) warnings.push(at(w.code, w.message));
        const assignmentId = assignmentOf.get(`${r.unit_no}|${Number(r.rec_no)}`) ?? null;
        const row: ActionPlanTable = {
          id: newId(),
          unit_id: unitIdOf.get(r.unit_no as string) as string,
          assignment_id: assignmentId,
          source: 'recommendation',
          source_ref: assignmentId,
          all_services: 1,
          unit_service_ids_json: '[]',
          element_codes_json: JSON.stringify(els.codes),
          priority_rank: null,
          cause_analysis: null,
          action_text: r.element_label || '-',
          sub_actions_json: '[]',
          timeline_raw: tl.raw || null,
          timeline_date: timelineDate(tl),
          pic: null,
          suggestion_response_ids_json: '[]',
          implementation_status: 'planned',
          realisation_text: null,
          realised_at: null,
          obstacles: null,
          strategy_json: null,
          evaluation_status: status ?? 'unevaluated',
          seq: ++seq,
          historical: 1,
          counted: counted as 0 | 1,
          element_codes_raw: r.element_codes ?? null,
          source_line: srcLine,
          warnings_json: JSON.stringify(rowWarnings),
          withdrawn_at: null,
          created_by: actor.userId,
          created_at: now,
          updated_by: actor.userId,
          updated_at: now,
        };
        await repo.insertAction(trx, row);
        if (status)
          await trx
            .insertInto('action_evaluation')
            .values({
              id: newId(),
              cycle_id: cycle.id,
              unit_id: row.unit_id,
              action_plan_id: row.id,
              status,
              reason_code: status === 'open' ? 'other' : null,
              note: note || null,
              evaluation_date: input.cutoffDate,
              evaluated_by: actor.userId,
              evaluated_at: now,
              warnings_json: JSON.stringify(rowWarnings),
            })
            .execute();
        actions.push({ ...row, recNo: Number(r.rec_no) });
      }

      // ---- frozen summaries: recorded values kept (incl. jru, D21); derived values checked against them ----
      const counted = actions.filter((a) => a.counted === 1);
      const assignmentsDomain = assignmentRows.map((a) => ({ unitId: a.unitNo, recommendationNo: a.number }));
      const itemsDomain = counted.map((a) =>
        toActionItem(
          { ...a, unit_id: recorded.find((u) => unitIdOf.get(u.no) === a.unit_id)?.no ?? a.unit_id },
          a.recNo,
          a.evaluation_status,
        ),
      );
      const names = elementNames('skm');
      const frozen = [];
      for (const [i, u] of recorded.entries()) {
        const derived = unitSummary(u.no, assignmentsDomain, itemsDomain, { recordedJru: u.jru });
        const at = (code: string, message: string): ImportWarning => ({
          file: 'summary',
          row: i + 2,
          sourceLine: u.srcLine,
          unit: u.name,
          code,
          message,
        });
        for (const [label, rec, der] of [
          ['jumlah_rekomendasi', u.jr, derived.jr],
          ['jumlah_rencana_aksi', u.jra, derived.jra],
          ['jumlah_sesuai', u.closed, derived.closedCount],
        ] as const)
          if (rec !== der) warnings.push(at('summary_mismatch', `${label} tercatat ${rec}, dari rincian ${der}`));
        const s = {
          ...derived,
          unitId: unitIdOf.get(u.no) as string,
          jr: u.jr,
          jru: u.jru,
          jra: u.jra,
          closedCount: u.closed,
          pct: completionPct(u.closed, u.jra),
        };
        if (s.pct && u.pctDoc && toFixedHalfUp(s.pct) !== Number(u.pctDoc).toFixed(2))
          warnings.push(at('pct_mismatch', `Persentase tercatat ${u.pctDoc}, dihitung ${toFixedHalfUp(s.pct)}`));
        if (derived.missingRecommendations.length)
          warnings.push(
            at('missing_response', `Belum terdapat rencana aksi untuk rekomendasi ${derived.missingRecommendations.join(', ')}`),
          );
        frozen.push(s);
        await repo.insertSummary(trx, {
          id: newId(),
          cycle_id: cycle.id,
          unit_id: s.unitId,
          stage: 'reported',
          unit_type_label: u.type,
          jr: s.jr,
          jru: s.jru,
          jra: s.jra,
          closed_count: s.closedCount,
          pct: s.pct ? toFixedHalfUp(s.pct) : null,
          missing_json: JSON.stringify(s.missingRecommendations),
          open_elements_json: JSON.stringify(s.openElements),
          open_without_element: s.openWithoutElement,
          overdue_count: 0,
          keterangan: keterangan(s, names),
          frozen_at: now,
          frozen_by: actor.userId,
        });
        await audit.record(trx, {
          unitId: s.unitId,
          actor,
          entityType: 'monitoring_cycle',
          entityId: cycle.id,
          action: 'historical_import',
          after: {
            jr: s.jr,
            jru: s.jru,
            jra: s.jra,
            closed: s.closedCount,
            actions: actions.filter((a) => a.unit_id === s.unitId).length,
          },
        });
      }
      const total = pooledSummary(frozen);
      if (totalRow) {
        for (const [c, v] of [
          ['jumlah_rekomendasi', total.jr],
          ['jumlah_rencana_aksi_upp', total.jru],
          ['jumlah_rencana_aksi', total.jra],
          ['jumlah_sesuai', total.closedCount],
        ] as const)
          if (totalRow[c] && Number(totalRow[c]) !== v)
            warnings.push({
              file: 'summary',
              row: summary.rows.indexOf(totalRow) + 2,
              sourceLine: null,
              unit: 'TOTAL',
              code: 'total_mismatch',
              message: `${c} tercatat ${totalRow[c]}, jumlah baris ${v}`,
            });
      }
      await audit.record(trx, {
        unitId: null,
        actor,
        entityType: 'monitoring_cycle',
        entityId: cycle.id,
        action: 'historical_import',
        after: {
          name: cycle.name,
          units: recorded.length,
          actions: actions.length,
          counted: counted.length,
          warnings: warnings.length,
        },
      });
      return {
        cycleId: cycle.id,
        units: recorded.length,
        unitsMatched: recorded.length - created.length,
        unitsCreated: created,
        recommendations: total.jr,
        actionsImported: actions.length,
        actionsCounted: total.jra,
        closed: total.closedCount,
        pct: total.pct ? toFixedHalfUp(total.pct) : null,
        warnings,
      };
    });
  }

  return { importMeRtl };
}

export type HistoricalImportService = ReturnType<typeof createHistoricalImportService>;
