import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type {
  AssignmentTable,
  OrgUnitTable,
  PersonTable,
  ServiceTypeTable,
  UnitServicePopulationTable,
  UnitServiceTable,
} from '../../db/schema.ts';

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type UnitRow = OrgUnitRow & { parent_name: string | null; service_count: number };
export type UnitServiceRow = Selectable<UnitServiceTable> & { name: string };
export type PopulationRow = Selectable<UnitServicePopulationTable>;
export type AssignmentRow = Selectable<AssignmentTable> & { full_name: string; nip: string | null };

export interface UnitFilter {
  q?: string | undefined;
  type?: string | undefined;
  parentId?: string | undefined;
  publicService?: boolean | undefined;
  includeInactive?: boolean | undefined;
  /** Restrict to these units (actor scope); undefined = all. */
  unitIds?: readonly string[] | undefined;
}

// Rows per multi-row INSERT: far below SQLite's and PostgreSQL's bind-parameter limits.
const CHUNK = 200;

/** `%term%` for LIKE with `!` as the escape character (portable: no backslash semantics involved). */
const likePattern = (term: string) => `%${term.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

function unitQuery(db: Db, f: UnitFilter) {
  return db
    .selectFrom('org_unit as u')
    .$if(!f.includeInactive, (qb) => qb.where('u.active', '=', 1))
    .$if(f.type !== undefined, (qb) => qb.where('u.type', '=', f.type as string))
    .$if(f.parentId !== undefined, (qb) => qb.where('u.parent_id', '=', f.parentId as string))
    .$if(f.publicService !== undefined, (qb) => qb.where('u.is_public_service_unit', '=', f.publicService ? 1 : 0))
    .$if(f.unitIds !== undefined, (qb) => qb.where('u.id', 'in', f.unitIds?.length ? [...(f.unitIds ?? [])] : ['']))
    .$if(!!f.q, (qb) => {
      const p = likePattern(f.q as string);
      return qb.where((eb) =>
        eb.or([
          sql<boolean>`lower(${eb.ref('u.name')}) like ${p} escape '!'`,
          sql<boolean>`lower(${eb.ref('u.short_name')}) like ${p} escape '!'`,
          sql<boolean>`lower(${eb.ref('u.code')}) like ${p} escape '!'`,
        ]),
      );
    });
}

function withDetails(qb: ReturnType<typeof unitQuery>) {
  return qb
    .leftJoin('org_unit as p', 'p.id', 'u.parent_id')
    .selectAll('u')
    .select('p.name as parent_name')
    .select((eb) =>
      eb
        .selectFrom('unit_service as s')
        .select(eb.fn.countAll<number>().as('c'))
        .whereRef('s.unit_id', '=', 'u.id')
        .where('s.active', '=', 1)
        .as('service_count'),
    );
}

const normaliseCount = (r: { service_count: number | string | null }) => Number(r.service_count ?? 0);

export function createOrganisationRepository() {
  return {
    async listUnits(db: Db, f: UnitFilter, page: number, pageSize: number): Promise<{ rows: UnitRow[]; total: number }> {
      const base = unitQuery(db, f);
      const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await withDetails(base)
        .orderBy('u.name')
        .orderBy('u.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { rows: rows.map((r) => ({ ...r, service_count: normaliseCount(r) })), total: Number(countRow.n) };
    },

    async findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
      const r = await withDetails(unitQuery(db, { includeInactive: true }))
        .where('u.id', '=', id)
        .executeTakeFirst();
      return r && { ...r, service_count: normaliseCount(r) };
    },

    async findUnitRow(db: Db, id: string): Promise<OrgUnitRow | undefined> {
      return db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findUnitByCode(db: Db, code: string): Promise<OrgUnitRow | undefined> {
      return db.selectFrom('org_unit').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async countUnits(db: Db): Promise<number> {
      const r = await db
        .selectFrom('org_unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async countActiveChildren(db: Db, id: string): Promise<number> {
      const r = await db
        .selectFrom('org_unit')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', id)
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Ancestors of a unit, nearest first (cycle check when re-parenting). */
    async ancestorIds(db: Db, id: string): Promise<string[]> {
      const out: string[] = [];
      let current: string | null = id;
      while (current && out.length < 64) {
        const row: { parent_id: string | null } | undefined = await db
          .selectFrom('org_unit')
          .select('parent_id')
          .where('id', '=', current)
          .executeTakeFirst();
        current = row?.parent_id ?? null;
        if (current) out.push(current);
      }
      return out;
    },

    async insertUnits(db: Db, rows: Insertable<OrgUnitTable>[]): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK)
        await db
          .insertInto('org_unit')
          .values(rows.slice(i, i + CHUNK))
          .execute();
    },

    async updateUnit(db: Db, id: string, patch: Updateable<OrgUnitTable>): Promise<void> {
      await db.updateTable('org_unit').set(patch).where('id', '=', id).execute();
    },

    async listServiceTypes(db: Db): Promise<Selectable<ServiceTypeTable>[]> {
      return db.selectFrom('service_type').selectAll().orderBy('standard_for_upt', 'desc').orderBy('name').execute();
    },

    async findServiceType(db: Db, id: string): Promise<Selectable<ServiceTypeTable> | undefined> {
      return db.selectFrom('service_type').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async findServiceTypeByName(db: Db, name: string): Promise<Selectable<ServiceTypeTable> | undefined> {
      return db
        .selectFrom('service_type')
        .selectAll()
        .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`)
        .executeTakeFirst();
    },

    async insertServiceTypes(db: Db, rows: Insertable<ServiceTypeTable>[]): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK)
        await db
          .insertInto('service_type')
          .values(rows.slice(i, i + CHUNK))
          .execute();
    },

    async listUnitServices(db: Db, unitId: string, includeInactive: boolean): Promise<UnitServiceRow[]> {
      return db
        .selectFrom('unit_service as s')
        .innerJoin('service_type as t', 't.id', 's.service_type_id')
        .selectAll('s')
        .select('t.name as name')
        .where('s.unit_id', '=', unitId)
        .$if(!includeInactive, (qb) => qb.where('s.active', '=', 1))
        .orderBy('s.created_at')
        .orderBy('s.id')
        .execute();
    },

    async findUnitService(db: Db, id: string): Promise<UnitServiceRow | undefined> {
      return db
        .selectFrom('unit_service as s')
        .innerJoin('service_type as t', 't.id', 's.service_type_id')
        .selectAll('s')
        .select('t.name as name')
        .where('s.id', '=', id)
        .executeTakeFirst();
    },

    async findUnitServiceByType(db: Db, unitId: string, serviceTypeId: string): Promise<{ id: string } | undefined> {
      return db
        .selectFrom('unit_service')
        .select('id')
        .where('unit_id', '=', unitId)
        .where('service_type_id', '=', serviceTypeId)
        .executeTakeFirst();
    },

    async insertUnitServices(db: Db, rows: Insertable<UnitServiceTable>[]): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK)
        await db
          .insertInto('unit_service')
          .values(rows.slice(i, i + CHUNK))
          .execute();
    },

    async updateUnitService(db: Db, id: string, patch: Updateable<UnitServiceTable>): Promise<void> {
      await db.updateTable('unit_service').set(patch).where('id', '=', id).execute();
    },

    async populationsOf(db: Db, serviceIds: string[]): Promise<PopulationRow[]> {
      if (!serviceIds.length) return [];
      return db
        .selectFrom('unit_service_population')
        .selectAll()
        .where('unit_service_id', 'in', serviceIds)
        .orderBy('year')
        .execute();
    },

    async findPopulation(db: Db, unitServiceId: string, year: number): Promise<PopulationRow | undefined> {
      return db
        .selectFrom('unit_service_population')
        .selectAll()
        .where('unit_service_id', '=', unitServiceId)
        .where('year', '=', year)
        .executeTakeFirst();
    },

    async insertPopulations(db: Db, rows: Insertable<UnitServicePopulationTable>[]): Promise<void> {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await db
          .insertInto('unit_service_population')
          .values(rows.slice(i, i + CHUNK))
          .execute();
      }
    },

    async upsertPopulation(db: Db, row: Insertable<UnitServicePopulationTable>): Promise<void> {
      await db
        .insertInto('unit_service_population')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['unit_id', 'unit_service_id', 'year'])
            .doUpdateSet({ population: row.population ?? null, source: row.source ?? null }),
        )
        .execute();
    },

    async findPersonByNip(db: Db, nip: string): Promise<Selectable<PersonTable> | undefined> {
      return db.selectFrom('person').selectAll().where('nip', '=', nip).executeTakeFirst();
    },

    async insertPersons(db: Db, rows: Insertable<PersonTable>[]): Promise<void> {
      if (rows.length) await db.insertInto('person').values(rows).execute();
    },

    async insertAssignments(db: Db, rows: Insertable<AssignmentTable>[]): Promise<void> {
      if (rows.length) await db.insertInto('assignment').values(rows).execute();
    },

    async listAssignments(db: Db, unitId: string): Promise<AssignmentRow[]> {
      return db
        .selectFrom('assignment as a')
        .innerJoin('person as p', 'p.id', 'a.person_id')
        .selectAll('a')
        .select(['p.full_name', 'p.nip'])
        .where('a.unit_id', '=', unitId)
        .orderBy('a.valid_from', 'desc')
        .orderBy('a.created_at', 'desc')
        .execute();
    },

    /** Assignments of `roleCode` in force on `date` (inclusive bounds), latest start first. */
    async assignmentsOn(db: Db, unitId: string, roleCode: string, date: string): Promise<AssignmentRow[]> {
      return db
        .selectFrom('assignment as a')
        .innerJoin('person as p', 'p.id', 'a.person_id')
        .selectAll('a')
        .select(['p.full_name', 'p.nip'])
        .where('a.unit_id', '=', unitId)
        .where('a.role_code', '=', roleCode)
        .where('a.valid_from', '<=', date)
        .where((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>=', date)]))
        .orderBy('a.valid_from', 'desc')
        .orderBy('a.created_at', 'desc')
        .execute();
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
