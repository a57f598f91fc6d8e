import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { OrgUnitTable, UnitServiceTable } from '../../db/schema.ts';
import { AppError, AppErrorCode } from '../../http/app-error.ts';
import { isoNow } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { AuditEntry, AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { resolveUnitScope } from '../auth/scope.ts';
import type { ServiceContext } from '../service-context.ts';
import {
  DEMO_HEADS,
  loadDemoOrganisation,
  parentsFirst,
  parseApplication,
  STANDARD_UPT_SERVICES,
  TARGET_TABLE_SOURCE,
  TARGET_TABLE_YEAR,
} from './demo-organisation.ts';
import { assertOrganisation } from './organisation.policy.ts';
import { createOrganisationRepository, type OrgUnitRow, type UnitRow, type UnitServiceRow } from './organisation.repository.ts';
import type {
  Assignment,
  CreateAssignmentBody,
  CreateServiceBody,
  CreateUnitBody,
  ServiceType,
  Signatory,
  Unit,
  UnitListQuery,
  UnitService,
  UpdateServiceBody,
  UpdateUnitBody,
} from './organisation.schema.ts';

const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
/** Demo units are valid from the 2020 organisation regulation onwards. */
const DEMO_VALID_FROM = '2020-01-01';
const ACTING = /^(plt|plh)\.?\s/i;

/** Calendar date of `at` in `timeZone` (a unit's "today" follows its own clock, D17). */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const dayBefore = (isoDate: string): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

const bool = (v: number) => v === 1;
const flag = (v: boolean | undefined, fallback: 0 | 1): 0 | 1 => (v === undefined ? fallback : v ? 1 : 0);

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const conflict = (message: string, messageKey: string, field?: string, params?: Record<string, string | number>) =>
  new AppError(AppErrorCode.CONFLICT, message, {
    messageKey,
    ...(params ? { params } : {}),
    ...(field ? { fields: [{ field, message }] } : {}),
  });

const invalidField = (field: string, message: string, messageKey: string) =>
  new AppError(AppErrorCode.VALIDATION, message, { messageKey, fields: [{ field, message }] });

const notFound = (message: string, messageKey: string) => new AppError(AppErrorCode.NOT_FOUND, message, { messageKey });
const unitNotFound = () => notFound('Unit tidak ditemukan', 'organisation.unitNotFound');
const serviceNotFound = () => notFound('Layanan tidak ditemukan', 'organisation.serviceNotFound');

const invalidState = (message: string, messageKey: string) => new AppError(AppErrorCode.INVALID_STATE, message, { messageKey });

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    shortName: r.short_name,
    type: r.type,
    groupLabel: r.group_label,
    parentId: r.parent_id,
    parentName: r.parent_name,
    locationQualifier: r.location_qualifier,
    city: r.city,
    province: r.province,
    timeZone: r.time_zone,
    isPublicServiceUnit: bool(r.is_public_service_unit),
    isSakipEntity: bool(r.is_sakip_entity),
    satkerCode: r.satker_code,
    headTitle: r.head_title,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    predecessorId: r.predecessor_id,
    version: r.version,
    active: bool(r.active),
    serviceCount: r.service_count,
  };
}

function toUnitService(r: UnitServiceRow, populations: { year: number; population: number | null }[]): UnitService {
  return {
    id: r.id,
    unitId: r.unit_id,
    serviceTypeId: r.service_type_id,
    name: r.name,
    applicationName: r.application_name,
    applicationUrl: r.application_url,
    deliveryMode: r.delivery_mode,
    populationDivisor: r.population_divisor,
    active: bool(r.active),
    populations,
  };
}

export function createOrganisationService(ctx: ServiceContext, deps: { audit: AuditService }) {
  const repo = createOrganisationRepository();
  const { db, clock } = ctx;
  const record = (trx: Db, entry: Omit<AuditEntry, 'actor'>, actor: Actor | null) => deps.audit.record(trx, { ...entry, actor });

  /** Runs `fn` in a transaction; a unique-key race becomes a 409 instead of a 500. */
  async function write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(fn);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('Data sudah ada', 'organisation.duplicate');
      throw e;
    }
  }

  async function readableUnit(actor: Actor, id: string): Promise<UnitRow> {
    const unit = await repo.findUnit(db, id);
    if (!unit) throw unitNotFound();
    assertOrganisation(actor, { kind: 'read_unit', unitId: id, scope: await resolveUnitScope(db, actor) });
    return unit;
  }

  async function unitOrThrow(trx: Db, id: string): Promise<UnitRow> {
    const unit = await repo.findUnit(trx, id);
    if (!unit) throw unitNotFound();
    return unit;
  }

  async function serviceWithPopulations(trx: Db, row: UnitServiceRow): Promise<UnitService> {
    const pops = await repo.populationsOf(trx, [row.id]);
    return toUnitService(
      row,
      pops.map((p) => ({ year: p.year, population: p.population })),
    );
  }

  async function serviceOrThrow(trx: Db, id: string): Promise<UnitServiceRow> {
    const row = await repo.findUnitService(trx, id);
    if (!row) throw serviceNotFound();
    return row;
  }

  async function ensureUniqueCode(trx: Db, code: string, exceptId?: string): Promise<void> {
    const existing = await repo.findUnitByCode(trx, code);
    if (existing && existing.id !== exceptId) {
      throw conflict(`Kode unit ${code} sudah dipakai`, 'organisation.codeTaken', 'body.code', { code });
    }
  }

  async function signatoryOn(unitId: string, date: string): Promise<Signatory | null> {
    const [head] = await repo.assignmentsOn(db, unitId, 'unit_head', date);
    if (!head) return null;
    return { title: head.title, fullName: head.full_name, nip: head.nip, acting: ACTING.test(head.title) };
  }

  return {
    async listUnits(actor: Actor, query: UnitListQuery): Promise<{ items: Unit[]; total: number }> {
      const scope = await resolveUnitScope(db, actor);
      const { rows, total } = await repo.listUnits(
        db,
        {
          q: query.q || undefined,
          type: query.type,
          parentId: query.parentId,
          publicService: query.publicService,
          includeInactive: query.includeInactive,
          unitIds: scope.all ? undefined : [...scope.unitIds],
        },
        query.page,
        query.pageSize,
      );
      return { items: rows.map(toUnit), total };
    },

    async getUnit(actor: Actor, id: string): Promise<Unit> {
      return toUnit(await readableUnit(actor, id));
    },

    async createUnit(actor: Actor, body: CreateUnitBody): Promise<Unit> {
      assertOrganisation(actor, { kind: 'manage_units' });
      const id = await write(async (trx) => {
        await ensureUniqueCode(trx, body.code);
        const parent = body.parentId ? await repo.findUnitRow(trx, body.parentId) : undefined;
        if (body.parentId && !parent?.active) {
          throw invalidField('body.parentId', 'Unit induk tidak ditemukan atau tidak aktif', 'organisation.parentUnknown');
        }
        const predecessor = body.predecessorId ? await repo.findUnitRow(trx, body.predecessorId) : undefined;
        if (body.predecessorId && !predecessor) {
          throw invalidField('body.predecessorId', 'Unit pendahulu tidak ditemukan', 'organisation.predecessorUnknown');
        }
        if (predecessor && !predecessor.active) {
          throw invalidState('Unit pendahulu sudah tidak aktif', 'organisation.predecessorInactive');
        }
        const timeZone = body.timeZone ?? predecessor?.time_zone ?? parent?.time_zone ?? DEFAULT_TIME_ZONE;
        const validFrom = body.validFrom ?? localDate(clock.now(), timeZone);
        const now = isoNow(clock);
        const row: Insertable<OrgUnitTable> = {
          id: newId(),
          code: body.code,
          name: body.name,
          short_name: body.shortName ?? body.name,
          type: body.type,
          group_label: body.groupLabel ?? null,
          parent_id: body.parentId ?? null,
          location_qualifier: body.locationQualifier ?? null,
          city: body.city ?? null,
          province: body.province ?? null,
          time_zone: timeZone,
          is_public_service_unit: flag(body.isPublicServiceUnit, 0),
          is_sakip_entity: flag(body.isSakipEntity, 0),
          satker_code: body.satkerCode ?? null,
          head_title: body.headTitle ?? null,
          valid_from: validFrom,
          valid_to: null,
          predecessor_id: predecessor?.id ?? null,
          version: 1,
          active: 1,
          created_at: now,
          updated_at: now,
        };
        await repo.insertUnits(trx, [row]);
        await record(trx, { unitId: row.id, entityType: 'org_unit', entityId: row.id, action: 'create', after: row }, actor);
        if (predecessor) await retire(trx, actor, predecessor, row, body.reason ?? null, now);
        return row.id;
      });
      return toUnit(await unitOrThrow(db, id));
    },

    async updateUnit(actor: Actor, id: string, body: UpdateUnitBody): Promise<Unit> {
      assertOrganisation(actor, { kind: 'manage_units' });
      await write(async (trx) => {
        const before = await repo.findUnitRow(trx, id);
        if (!before) throw unitNotFound();
        if (body.code !== undefined && body.code !== before.code) await ensureUniqueCode(trx, body.code, id);
        if (body.parentId) {
          const parent = await repo.findUnitRow(trx, body.parentId);
          if (!parent?.active) {
            throw invalidField('body.parentId', 'Unit induk tidak ditemukan atau tidak aktif', 'organisation.parentUnknown');
          }
          if (body.parentId === id || (await repo.ancestorIds(trx, body.parentId)).includes(id)) {
            throw invalidField('body.parentId', 'Unit tidak dapat menjadi induk dirinya sendiri', 'organisation.parentCycle');
          }
        }
        const patch: Updateable<OrgUnitTable> = {};
        const set = <K extends keyof OrgUnitTable>(key: K, value: OrgUnitTable[K] | undefined) => {
          if (value !== undefined && value !== before[key]) patch[key] = value as never;
        };
        set('code', body.code);
        set('name', body.name);
        set('short_name', body.shortName);
        set('type', body.type);
        set('parent_id', body.parentId);
        set('group_label', body.groupLabel);
        set('location_qualifier', body.locationQualifier);
        set('city', body.city);
        set('province', body.province);
        set('time_zone', body.timeZone);
        set('satker_code', body.satkerCode);
        set('head_title', body.headTitle);
        if (body.isPublicServiceUnit !== undefined) set('is_public_service_unit', body.isPublicServiceUnit ? 1 : 0);
        if (body.isSakipEntity !== undefined) set('is_sakip_entity', body.isSakipEntity ? 1 : 0);
        if (!Object.keys(patch).length) return;
        // Identity changes (name, type, place in the tree) make a new version of the same unit.
        const structural = ['code', 'name', 'short_name', 'type', 'parent_id'].some((k) => k in patch);
        const after: OrgUnitRow = {
          ...before,
          ...(patch as Partial<OrgUnitRow>),
          version: before.version + (structural ? 1 : 0),
          updated_at: isoNow(clock),
        };
        await repo.updateUnit(trx, id, { ...patch, version: after.version, updated_at: after.updated_at });
        await record(
          trx,
          { unitId: id, entityType: 'org_unit', entityId: id, action: 'update', before, after, reason: body.reason ?? null },
          actor,
        );
      });
      return toUnit(await unitOrThrow(db, id));
    },

    async deactivateUnit(actor: Actor, id: string, reason: string): Promise<Unit> {
      assertOrganisation(actor, { kind: 'manage_units' });
      await write(async (trx) => {
        const before = await repo.findUnitRow(trx, id);
        if (!before) throw unitNotFound();
        if (!before.active) throw invalidState('Unit sudah tidak aktif', 'organisation.unitInactive');
        if ((await repo.countActiveChildren(trx, id)) > 0) {
          throw invalidState('Unit masih memiliki sub-unit aktif', 'organisation.unitHasChildren');
        }
        const after: OrgUnitRow = {
          ...before,
          active: 0,
          valid_to: localDate(clock.now(), before.time_zone),
          updated_at: isoNow(clock),
        };
        await repo.updateUnit(trx, id, { active: 0, valid_to: after.valid_to, updated_at: after.updated_at });
        await record(
          trx,
          { unitId: id, entityType: 'org_unit', entityId: id, action: 'deactivate', before, after, reason },
          actor,
        );
      });
      return toUnit(await unitOrThrow(db, id));
    },

    async listServiceTypes(_actor: Actor): Promise<{ items: ServiceType[] }> {
      const rows = await repo.listServiceTypes(db);
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, standardForUpt: bool(r.standard_for_upt), active: bool(r.active) })),
      };
    },

    async listUnitServices(actor: Actor, unitId: string, includeInactive: boolean): Promise<{ items: UnitService[] }> {
      await readableUnit(actor, unitId);
      const rows = await repo.listUnitServices(db, unitId, includeInactive);
      const pops = await repo.populationsOf(
        db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) =>
          toUnitService(
            r,
            pops.filter((p) => p.unit_service_id === r.id).map((p) => ({ year: p.year, population: p.population })),
          ),
        ),
      };
    },

    async createUnitService(actor: Actor, unitId: string, body: CreateServiceBody): Promise<UnitService> {
      assertOrganisation(actor, { kind: 'manage_services' });
      const id = await write(async (trx) => {
        const unit = await unitOrThrow(trx, unitId);
        if (!unit.active) throw invalidState('Unit sudah tidak aktif', 'organisation.unitInactive');
        const now = isoNow(clock);
        let typeId: string;
        if (body.serviceTypeId) {
          const type = await repo.findServiceType(trx, body.serviceTypeId);
          if (!type) throw invalidField('body.serviceTypeId', 'Jenis layanan tidak ditemukan', 'organisation.serviceTypeUnknown');
          typeId = type.id;
        } else {
          const name = body.name as string;
          const existing = await repo.findServiceTypeByName(trx, name);
          if (existing) typeId = existing.id;
          else {
            const type = {
              id: newId(),
              name,
              regulation_ref: null,
              standard_for_upt: 0 as const,
              active: 1 as const,
              created_at: now,
            };
            await repo.insertServiceTypes(trx, [type]);
            await record(
              trx,
              { unitId: null, entityType: 'service_type', entityId: type.id, action: 'create', after: type },
              actor,
            );
            typeId = type.id;
          }
        }
        if (await repo.findUnitServiceByType(trx, unitId, typeId)) {
          const field = body.serviceTypeId ? 'body.serviceTypeId' : 'body.name';
          throw conflict('Unit sudah memiliki jenis layanan ini', 'organisation.serviceDuplicate', field);
        }
        const row: Insertable<UnitServiceTable> = {
          id: newId(),
          unit_id: unitId,
          service_type_id: typeId,
          application_name: body.applicationName ?? null,
          application_url: body.applicationUrl ?? null,
          delivery_mode: body.deliveryMode,
          population_divisor: body.populationDivisor,
          active: 1,
          created_at: now,
          updated_at: now,
        };
        await repo.insertUnitServices(trx, [row]);
        await record(trx, { unitId, entityType: 'unit_service', entityId: row.id, action: 'create', after: row }, actor);
        return row.id;
      });
      return serviceWithPopulations(db, await serviceOrThrow(db, id));
    },

    async updateUnitService(actor: Actor, id: string, body: UpdateServiceBody): Promise<UnitService> {
      assertOrganisation(actor, { kind: 'manage_services' });
      await write(async (trx) => {
        const before = await serviceOrThrow(trx, id);
        const patch: Updateable<UnitServiceTable> = {};
        if (body.applicationName !== undefined) patch.application_name = body.applicationName;
        if (body.applicationUrl !== undefined) patch.application_url = body.applicationUrl;
        if (body.deliveryMode !== undefined) patch.delivery_mode = body.deliveryMode;
        if (body.populationDivisor !== undefined) patch.population_divisor = body.populationDivisor;
        if (body.active !== undefined) patch.active = body.active ? 1 : 0;
        if (!Object.keys(patch).length) return;
        patch.updated_at = isoNow(clock);
        await repo.updateUnitService(trx, id, patch);
        await record(
          trx,
          {
            unitId: before.unit_id,
            entityType: 'unit_service',
            entityId: id,
            action: 'update',
            before,
            after: { ...before, ...patch },
            reason: body.reason ?? null,
          },
          actor,
        );
      });
      return serviceWithPopulations(db, await serviceOrThrow(db, id));
    },

    async deactivateUnitService(actor: Actor, id: string, reason: string): Promise<UnitService> {
      assertOrganisation(actor, { kind: 'manage_services' });
      await write(async (trx) => {
        const before = await serviceOrThrow(trx, id);
        if (!before.active) throw invalidState('Layanan sudah tidak aktif', 'organisation.serviceInactive');
        const updatedAt = isoNow(clock);
        await repo.updateUnitService(trx, id, { active: 0, updated_at: updatedAt });
        await record(
          trx,
          {
            unitId: before.unit_id,
            entityType: 'unit_service',
            entityId: id,
            action: 'deactivate',
            before,
            after: { ...before, active: 0, updated_at: updatedAt },
            reason,
          },
          actor,
        );
      });
      return serviceWithPopulations(db, await serviceOrThrow(db, id));
    },

    async setPopulation(actor: Actor, serviceId: string, year: number, population: number | null): Promise<UnitService> {
      await write(async (trx) => {
        const service = await serviceOrThrow(trx, serviceId);
        assertOrganisation(actor, { kind: 'set_population', unitId: service.unit_id });
        const before = (await repo.findPopulation(trx, serviceId, year)) ?? null;
        if (before && before.population === population) return;
        const after = { unit_id: service.unit_id, unit_service_id: serviceId, year, population, source: 'manual' };
        await repo.upsertPopulation(trx, after);
        await record(
          trx,
          {
            unitId: service.unit_id,
            entityType: 'unit_service_population',
            entityId: `${serviceId}:${year}`,
            action: before ? 'update' : 'create',
            before,
            after,
          },
          actor,
        );
      });
      return serviceWithPopulations(db, await serviceOrThrow(db, serviceId));
    },

    async listAssignments(actor: Actor, unitId: string): Promise<{ items: Assignment[] }> {
      await readableUnit(actor, unitId);
      const rows = await repo.listAssignments(db, unitId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          personId: r.person_id,
          fullName: r.full_name,
          nip: r.nip,
          roleCode: r.role_code,
          title: r.title,
          validFrom: r.valid_from,
          validTo: r.valid_to,
        })),
      };
    },

    async createAssignment(actor: Actor, unitId: string, body: CreateAssignmentBody): Promise<Assignment> {
      assertOrganisation(actor, { kind: 'manage_assignments' });
      return write(async (trx) => {
        await unitOrThrow(trx, unitId);
        const now = isoNow(clock);
        let person = body.nip ? await repo.findPersonByNip(trx, body.nip) : undefined;
        if (!person) {
          person = {
            id: newId(),
            full_name: body.fullName,
            nip: body.nip ?? null,
            email: body.email ?? null,
            phone: null,
            created_at: now,
          };
          await repo.insertPersons(trx, [person]);
          await record(trx, { unitId: null, entityType: 'person', entityId: person.id, action: 'create', after: person }, actor);
        }
        const row = {
          id: newId(),
          person_id: person.id,
          unit_id: unitId,
          role_code: body.roleCode,
          title: body.title,
          valid_from: body.validFrom,
          valid_to: body.validTo ?? null,
          created_at: now,
        };
        await repo.insertAssignments(trx, [row]);
        await record(trx, { unitId, entityType: 'assignment', entityId: row.id, action: 'create', after: row }, actor);
        return {
          id: row.id,
          personId: person.id,
          fullName: person.full_name,
          nip: person.nip,
          roleCode: row.role_code,
          title: row.title,
          validFrom: row.valid_from,
          validTo: row.valid_to,
        };
      });
    },

    /** The head who signs for `unitId` on `date` (default: the unit's today). */
    async getSignatory(actor: Actor, unitId: string, date?: string): Promise<Signatory> {
      const unit = await readableUnit(actor, unitId);
      const signatory = await signatoryOn(unitId, date ?? localDate(clock.now(), unit.time_zone));
      if (!signatory)
        throw notFound('Tidak ada kepala unit yang ditugaskan pada tanggal tersebut', 'organisation.signatoryNotFound');
      return signatory;
    },

    /** For report generators (already authorised): the head assigned on the signing date, or null. */
    signatoryOn,

    /** Seeds the BPOM demo organisation when the database has no units; returns true if it seeded. */
    async seedDemoOrganisation(): Promise<boolean> {
      const data = loadDemoOrganisation();
      try {
        return await db.transaction().execute(async (trx) => {
          if ((await repo.countUnits(trx)) > 0) return false;
          const now = isoNow(clock);
          const nowMs = clock.now().getTime();
          const groupOf = new Map(data.targets.map((t) => [t.unitName, t.group]));
          const idOf = new Map(data.units.map((u) => [u.code, newId(nowMs)]));
          const unitIdBySource = new Map<string, string>();
          const units = parentsFirst(data.units).map((u): Insertable<OrgUnitTable> => {
            const id = idOf.get(u.code) as string;
            if (u.sourceName) unitIdBySource.set(u.sourceName, id);
            const group = u.sourceName ? groupOf.get(u.sourceName) : undefined;
            return {
              id,
              code: u.code,
              name: u.name,
              short_name: u.shortName,
              type: u.type,
              group_label: group ?? null,
              parent_id: u.parentCode ? (idOf.get(u.parentCode) ?? null) : null,
              location_qualifier: u.locationQualifier,
              city: u.city,
              province: u.province,
              time_zone: u.timeZone,
              is_public_service_unit: group ? 1 : 0,
              is_sakip_entity: u.isSakipEntity ? 1 : 0,
              satker_code: u.satkerCode,
              head_title: u.headTitle || null,
              valid_from: DEMO_VALID_FROM,
              valid_to: null,
              predecessor_id: null,
              version: 1,
              active: 1,
              created_at: now,
              updated_at: now,
            };
          });

          const standard = new Set<string>(STANDARD_UPT_SERVICES);
          const typeNames = [...STANDARD_UPT_SERVICES, ...data.targets.map((t) => t.service).filter((n) => !standard.has(n))];
          const typeIdOf = new Map<string, string>();
          const types = [...new Set(typeNames)].map((name) => {
            const id = newId(nowMs);
            typeIdOf.set(name, id);
            const std: 0 | 1 = standard.has(name) ? 1 : 0;
            return { id, name, regulation_ref: null, standard_for_upt: std, active: 1 as const, created_at: now };
          });

          // Ids follow the table order (UUIDv7 time part), so services list in the order of the circular.
          const services = data.targets.map((t, i): Insertable<UnitServiceTable> => {
            const app = parseApplication(t.application);
            return {
              id: newId(nowMs + i),
              unit_id: unitIdBySource.get(t.unitName) as string,
              service_type_id: typeIdOf.get(t.service) as string,
              application_name: app.applicationName,
              application_url: app.applicationUrl,
              delivery_mode: app.deliveryMode,
              population_divisor: t.divisor,
              active: 1,
              created_at: now,
              updated_at: now,
            };
          });
          const populations = data.targets.map((t, i) => ({
            unit_id: services[i]?.unit_id as string,
            unit_service_id: services[i]?.id as string,
            year: TARGET_TABLE_YEAR,
            population: t.population,
            source: TARGET_TABLE_SOURCE,
          }));

          const headTitleOf = new Map(data.units.map((u) => [u.code, u.headTitle]));
          const persons = new Map<
            string,
            { id: string; full_name: string; nip: string; email: null; phone: null; created_at: string }
          >();
          const assignments = DEMO_HEADS.map((h) => {
            const person = persons.get(h.nip) ?? {
              id: newId(nowMs),
              full_name: h.fullName,
              nip: h.nip,
              email: null,
              phone: null,
              created_at: now,
            };
            persons.set(h.nip, person);
            return {
              id: newId(nowMs),
              person_id: person.id,
              unit_id: idOf.get(h.unitCode) as string,
              role_code: 'unit_head',
              title: h.title(headTitleOf.get(h.unitCode) ?? ''),
              valid_from: h.validFrom,
              valid_to: h.validTo,
              created_at: now,
            };
          });

          await repo.insertUnits(trx, units);
          await repo.insertServiceTypes(trx, types);
          await repo.insertUnitServices(trx, services);
          await repo.insertPopulations(trx, populations);
          await repo.insertPersons(trx, [...persons.values()]);
          await repo.insertAssignments(trx, assignments);
          // One summary event: the seed is a bulk load from vendored files, not a series of user edits.
          await record(
            trx,
            {
              unitId: null,
              entityType: 'organisation',
              entityId: idOf.get('BPOM') as string,
              action: 'seed_demo',
              after: {
                units: units.length,
                publicServiceUnits: units.filter((u) => u.is_public_service_unit === 1).length,
                serviceTypes: types.length,
                unitServices: services.length,
                assignments: assignments.length,
                source: TARGET_TABLE_SOURCE,
              },
            },
            null,
          );
          return true;
        });
      } catch (e) {
        // Another app server seeded first (PostgreSQL, concurrent start): theirs stands.
        if (isUniqueViolation(e) && (await repo.countUnits(db)) > 0) return false;
        throw e;
      }
    },
  };

  /** Ends a unit that a successor replaces; its active sub-units move to the successor. */
  async function retire(
    trx: Db,
    actor: Actor,
    predecessor: OrgUnitRow,
    successor: Insertable<OrgUnitTable>,
    reason: string | null,
    now: string,
  ): Promise<void> {
    const validFrom = successor.valid_from;
    const lastDay = dayBefore(validFrom);
    const after: OrgUnitRow = {
      ...predecessor,
      active: 0,
      // ISO dates compare as text; a successor starting on the predecessor's first day still leaves it one day.
      valid_to: [lastDay, predecessor.valid_from].sort()[1] as string,
      updated_at: now,
    };
    await repo.updateUnit(trx, predecessor.id, { active: 0, valid_to: after.valid_to, updated_at: now });
    await record(
      trx,
      {
        unitId: predecessor.id,
        entityType: 'org_unit',
        entityId: predecessor.id,
        action: 'deactivate',
        before: predecessor,
        after,
        reason: reason ?? `Digantikan oleh ${successor.code}`,
      },
      actor,
    );
    const children = await repo.listUnits(trx, { parentId: predecessor.id }, 1, 500);
    for (const child of children.rows) {
      const { parent_name: _p, service_count: _s, ...before } = child;
      await repo.updateUnit(trx, child.id, { parent_id: successor.id as string, version: child.version + 1, updated_at: now });
      await record(
        trx,
        {
          unitId: child.id,
          entityType: 'org_unit',
          entityId: child.id,
          action: 'update',
          before,
          after: { ...before, parent_id: successor.id, version: child.version + 1, updated_at: now },
          reason: `Induk digantikan oleh ${successor.code}`,
        },
        actor,
      );
    }
  }
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
