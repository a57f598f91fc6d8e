import { z } from 'zod';
import { ROLES } from '../auth/actor.ts';

export const UNIT_TYPES = ['agency', 'eselon1', 'bureau', 'directorate', 'centre', 'bbpom', 'bpom', 'loka', 'other'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const DELIVERY_MODES = ['online', 'offline', 'email', 'mixed'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

const IsoDate = z.iso.date();
const Id = z.string().min(1).max(64);
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export const IdParams = z.object({ id: Id });
export const PopulationParams = z.object({ id: Id, year: z.coerce.number().int().min(2000).max(2100) });

export const UnitListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  type: z.enum(UNIT_TYPES).optional(),
  parentId: Id.optional(),
  publicService: boolParam.optional(),
  includeInactive: boolParam.optional(),
  ...Paging,
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const IncludeInactiveQuery = z.object({ includeInactive: boolParam.optional() });

const UnitCode = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'letters, digits and "-" only')
  .transform((v) => v.toUpperCase());

const unitFields = {
  code: UnitCode,
  name: text(300),
  shortName: text(120).optional(),
  type: z.enum(UNIT_TYPES),
  parentId: Id.nullable().optional(),
  groupLabel: optionalText(60),
  locationQualifier: z.enum(['kota', 'kabupaten']).nullable().optional(),
  city: optionalText(120),
  province: optionalText(120),
  timeZone: z.enum(TIME_ZONES).optional(),
  isPublicServiceUnit: z.boolean().optional(),
  isSakipEntity: z.boolean().optional(),
  satkerCode: optionalText(20),
  headTitle: optionalText(300),
};

export const CreateUnitBody = z.object({
  ...unitFields,
  validFrom: IsoDate.optional(),
  /** Renaming or merging: the new unit succeeds this one, which is deactivated. */
  predecessorId: Id.optional(),
  reason: optionalText(500),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z
  .object({
    code: UnitCode.optional(),
    name: text(300).optional(),
    shortName: text(120).optional(),
    type: z.enum(UNIT_TYPES).optional(),
    parentId: Id.nullable().optional(),
    groupLabel: unitFields.groupLabel,
    locationQualifier: unitFields.locationQualifier,
    city: unitFields.city,
    province: unitFields.province,
    timeZone: z.enum(TIME_ZONES).optional(),
    isPublicServiceUnit: z.boolean().optional(),
    isSakipEntity: z.boolean().optional(),
    satkerCode: unitFields.satkerCode,
    headTitle: unitFields.headTitle,
    reason: optionalText(500),
  })
  .strict();
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const ReasonBody = z.object({ reason: text(500) });

export const CreateServiceBody = z
  .object({
    name: text(300).optional(),
    serviceTypeId: Id.optional(),
    applicationName: optionalText(300),
    applicationUrl: optionalText(500),
    deliveryMode: z.enum(DELIVERY_MODES).default('mixed'),
    populationDivisor: z.number().int().min(1).max(12).default(4),
  })
  .refine((b) => (b.name === undefined) !== (b.serviceTypeId === undefined), {
    message: 'give either name or serviceTypeId',
    path: ['name'],
  });
export type CreateServiceBody = z.infer<typeof CreateServiceBody>;

export const UpdateServiceBody = z
  .object({
    applicationName: optionalText(300),
    applicationUrl: optionalText(500),
    deliveryMode: z.enum(DELIVERY_MODES).optional(),
    populationDivisor: z.number().int().min(1).max(12).optional(),
    active: z.boolean().optional(),
    reason: optionalText(500),
  })
  .strict();
export type UpdateServiceBody = z.infer<typeof UpdateServiceBody>;

export const PopulationBody = z.object({ population: z.number().int().min(0).max(1_000_000_000).nullable() });

export const AssignmentRoleCode = z.enum(ROLES);

export const CreateAssignmentBody = z
  .object({
    fullName: text(200),
    nip: z
      .string()
      .trim()
      .regex(/^\d{18}$/, 'NIP has 18 digits')
      .optional(),
    email: z.email().optional(),
    roleCode: AssignmentRoleCode,
    title: text(300),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional(),
  })
  .refine((b) => !b.validTo || b.validTo >= b.validFrom, { message: 'validTo is before validFrom', path: ['validTo'] });
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

export const SignatoryQuery = z.object({ date: IsoDate.optional() });

// Responses (documented in OpenAPI).

export const Unit = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: z.string(),
  groupLabel: z.string().nullable(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  locationQualifier: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  timeZone: z.string(),
  isPublicServiceUnit: z.boolean(),
  isSakipEntity: z.boolean(),
  satkerCode: z.string().nullable(),
  headTitle: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  predecessorId: z.string().nullable(),
  version: z.number(),
  active: z.boolean(),
  serviceCount: z.number(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitList = z.object({ items: z.array(Unit), total: z.number() });

export const ServiceType = z.object({ id: z.string(), name: z.string(), standardForUpt: z.boolean(), active: z.boolean() });
export type ServiceType = z.infer<typeof ServiceType>;

export const UnitService = z.object({
  id: z.string(),
  unitId: z.string(),
  serviceTypeId: z.string(),
  name: z.string(),
  applicationName: z.string().nullable(),
  applicationUrl: z.string().nullable(),
  deliveryMode: z.string(),
  populationDivisor: z.number(),
  active: z.boolean(),
  populations: z.array(z.object({ year: z.number(), population: z.number().nullable() })),
});
export type UnitService = z.infer<typeof UnitService>;

export const Assignment = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  nip: z.string().nullable(),
  roleCode: z.string(),
  title: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const Signatory = z.object({
  title: z.string(),
  fullName: z.string(),
  nip: z.string().nullable(),
  acting: z.boolean(),
});
export type Signatory = z.infer<typeof Signatory>;
