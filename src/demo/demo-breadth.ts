import { FieldType, type EntitySpec, type FieldSpec } from '../schemas/schema.types';
import type { UnifiedEntitySpec } from '../unified/unified.types';
import type { DemoEstate, DemoMapping } from './demo-estate';

/**
 * How wide the estate's data is, beyond the demo's own (~12 fields per service, 111 unified
 * fields): the benchmarks' estate holds what a large organisation's does, ~50 fields per service
 * and a unified schema of ~600 fields. Widening only adds (fields, entities, unified fields and
 * confirmed mappings onto them); the services, integrations and everything the demo has stay.
 */
export interface DemoBreadth {
  /** Mean fields per service over the whole estate; the long tail grows to make it up. */
  fieldsPerService: number;
  /** Fields of the unified schema in all; new canonical entities are added as needed. */
  unifiedFields: number;
}

/** The benchmarks' breadth: at 1,200 services, ~60,000 fields and a 600-field unified schema. */
export const BENCH_BREADTH: DemoBreadth = { fieldsPerService: 50, unifiedFields: 600 };

/** Unified fields per entity that the widening aims for: the demo's entities have 5–16. */
const UNIFIED_FIELDS_PER_ENTITY = 20;
/** A long-tail entity is widened to a size in [MIN_ENTITY_CAP, MAX_ENTITY_CAP); past it, a new entity is added. */
const MIN_ENTITY_CAP = 8;
const MAX_ENTITY_CAP = 20;
/** Of the fields added to a service whose data is mapped, the share that gets a confirmed mapping. */
const MAPPED_SHARE = 0.5;
/** Keeps the widening's random stream apart from the demo's, which must not change. */
export const BREADTH_SEED = 0x5eed_b7ea;

/** Canonical entities a large estate consolidates onto besides the demo's own. */
const MORE_UNIFIED_ENTITIES: [name: string, description: string, synonyms: string[]][] = [
  ['Vendor', 'A company we buy from.', ['Supplier']],
  ['Contract', 'An agreement with a customer or vendor.', ['Agreement']],
  ['Subscription', 'A recurring plan a customer is on.', ['Plan']],
  ['Payment', 'Money received or paid out.', ['Transaction']],
  ['Shipment', 'Goods on their way.', ['Delivery']],
  ['Asset', 'Equipment we own or lease.', ['Device']],
  ['Location', 'An office, warehouse or store.', ['Site']],
  ['Document', 'A file kept for a record.', ['Attachment']],
  ['Meeting', 'A scheduled conversation.', ['Appointment']],
  ['Survey', 'Questions sent to customers or staff.', ['Questionnaire']],
  ['Course', 'Training offered to staff.', ['Training']],
  ['Expense', 'A cost claimed by an employee.', ['Claim']],
  ['Budget', 'Money set aside for a purpose.', ['Allocation']],
  ['Project', 'Work with a goal and an end.', ['Initiative']],
  ['Ledger Entry', 'A line of the general ledger.', ['Journal line']],
  ['Partner', 'A company we sell with.', ['Reseller']],
  ['Store', 'A shop of a merchant.', ['Outlet']],
  ['Refund', 'Money returned to a customer.', ['Chargeback']],
  ['Quote', 'A priced offer.', ['Estimate']],
  ['Feedback', 'What a customer told us.', ['Review']],
];

/** Attributes that canonical entities share: each widened unified field is a qualifier and one of these. */
const ATTRIBUTES: [name: string, type: FieldType][] = [
  ['code', FieldType.STRING],
  ['status', FieldType.ENUM],
  ['type', FieldType.ENUM],
  ['region', FieldType.STRING],
  ['segment', FieldType.ENUM],
  ['external_id', FieldType.STRING],
  ['source_system', FieldType.STRING],
  ['notes', FieldType.TEXT],
  ['rating', FieldType.DECIMAL],
  ['score', FieldType.DECIMAL],
  ['tier', FieldType.ENUM],
  ['language', FieldType.STRING],
  ['timezone', FieldType.STRING],
  ['currency', FieldType.STRING],
  ['amount', FieldType.DECIMAL],
  ['quantity', FieldType.INTEGER],
  ['start_date', FieldType.DATE],
  ['end_date', FieldType.DATE],
  ['approved_at', FieldType.DATETIME],
  ['approved_by', FieldType.REFERENCE],
  ['owner', FieldType.REFERENCE],
  ['archived', FieldType.BOOLEAN],
  ['category', FieldType.STRING],
  ['reference', FieldType.STRING],
  ['version', FieldType.INTEGER],
  ['url', FieldType.STRING],
  ['country', FieldType.STRING],
  ['cost_center', FieldType.STRING],
  ['verified', FieldType.BOOLEAN],
  ['updated_at', FieldType.DATETIME],
];
const QUALIFIERS = ['', 'primary_', 'secondary_', 'billing_', 'legal_', 'internal_', 'external_', 'last_', 'next_'];

/** Source-style spellings of a unified field's name, as the small tools write them. */
function spell(name: string, random: () => number): string {
  const r = random();
  if (r < 0.5) return name;
  if (r < 0.8) return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  if (r < 0.9) return `cf_${name}`;
  return name.replace(/_/g, '');
}

/** The unified schema widened to `target` fields in all: new entities first, then fields round-robin. */
export function widenUnifiedSchema(
  schema: UnifiedEntitySpec[],
  target: number,
  random: () => number,
): UnifiedEntitySpec[] {
  const widened = schema.map((e) => ({ ...e, fields: [...e.fields] }));
  const wantedEntities = Math.ceil(target / UNIFIED_FIELDS_PER_ENTITY);
  for (const [name, description, synonyms] of MORE_UNIFIED_ENTITIES) {
    if (widened.length >= wantedEntities) break;
    widened.push({ name, description, synonyms, fields: [] });
  }
  let total = widened.reduce((n, e) => n + e.fields.length, 0);
  const candidates = QUALIFIERS.flatMap((q) => ATTRIBUTES.map(([a, type]) => [`${q}${a}`, type] as const));
  for (let round = 0; total < target && round < candidates.length; round++) {
    for (const entity of widened) {
      if (total >= target) break;
      // Entities the demo left small grow first; each takes a random attribute it lacks.
      if (entity.fields.length > round + UNIFIED_FIELDS_PER_ENTITY / 2) continue;
      const taken = new Set(entity.fields.map((f) => f.name));
      const free = candidates.filter(([name]) => !taken.has(name));
      if (free.length === 0) continue;
      const [name, type] = free[Math.floor(random() * free.length)];
      entity.fields.push({
        name,
        type,
        piiClass: null,
        synonyms: [],
        description: `The ${name.replace(/_/g, ' ')} of the ${entity.name.toLowerCase()}.`,
      });
      total++;
    }
  }
  return widened;
}

/**
 * Widens a generated estate to `breadth`: the unified schema to its field count, and the long tail's
 * schemas (the well-known systems keep their real objects) until the estate holds
 * `fieldsPerService` fields per service on average. Added fields are named after unified fields of
 * the entity's canonical entity, in the spellings small tools use; in services whose data is
 * mapped, half of them get a confirmed mapping. Pure and deterministic, like the demo itself.
 */
export function widenEstate(
  estate: DemoEstate,
  breadth: DemoBreadth,
  knownServices: number,
  random: () => number,
): DemoEstate {
  const { fieldsPerService, unifiedFields } = breadth;
  if (!(fieldsPerService > 0 && fieldsPerService <= 1000) || !Number.isSafeInteger(unifiedFields) || unifiedFields < 0)
    throw new RangeError(
      `breadth must have 0 < fieldsPerService ≤ 1000 and unifiedFields ≥ 0 (got ${JSON.stringify(breadth)})`,
    );
  const unifiedSchema = widenUnifiedSchema(estate.unifiedSchema, unifiedFields, random);
  const unifiedByName = new Map(unifiedSchema.map((e) => [e.name.toLowerCase(), e]));
  const mappedServices = new Set(estate.mappings.map((m) => m.serviceKey));
  const mappings: DemoMapping[] = [...estate.mappings];

  const fieldsNow = estate.schemas.reduce((n, s) => n + s.entities.reduce((m, e) => m + e.fields.length, 0), 0);
  const missing = Math.max(0, Math.round(fieldsPerService * estate.services.length) - fieldsNow);
  const longTail = estate.schemas.slice(knownServices);
  // Tools differ: each gets a share of the missing fields in proportion to a weight in [0.3, 1.7).
  const weights = longTail.map(() => 0.3 + 1.4 * random());
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let owed = 0;
  const schemas = estate.schemas.slice(0, knownServices).map((s) => ({ ...s, entities: [...s.entities] }));
  longTail.forEach((schema, i) => {
    owed += (missing * weights[i]) / weightSum;
    const extra = Math.floor(owed);
    owed -= extra;
    const mapped = mappedServices.has(schema.serviceKey);
    const open = schema.entities.map((e) => widening({ ...e, fields: [...e.fields] }, random));
    const entities = open.map((w) => w.entity);
    /** Adds a field to the entity; false when the one drawn was skipped (another draw follows). */
    const addTo = (w: Widening): boolean => {
      const unified = unifiedByName.get((w.entity.mappedTo ?? '').toLowerCase());
      const free = unified?.fields.filter((f) => !w.names.has(f.name.toLowerCase())) ?? [];
      let field: FieldSpec;
      if (unified && free.length > 0) {
        const target = free[Math.floor(random() * free.length)];
        w.names.add(target.name.toLowerCase()); // taken, under whichever spelling
        const name = spell(target.name, random);
        if (w.names.has(name.toLowerCase()) && name !== target.name) return false; // spelt like another: skipped
        field = { name, type: target.type ?? FieldType.STRING, piiClass: target.piiClass ?? null };
        if (mapped && random() < MAPPED_SHARE)
          mappings.push({
            serviceKey: schema.serviceKey,
            entity: w.entity.name,
            field: name,
            unifiedEntity: unified.name,
            unifiedField: target.name,
            systemOfRecord: false,
          });
      } else {
        let n = w.entity.fields.length;
        while (w.names.has(`custom_${n}`)) n++;
        field = { name: `custom_${n}`, type: FieldType.STRING, piiClass: null };
      }
      w.names.add(field.name.toLowerCase());
      w.entity.fields.push(field);
      return true;
    };
    for (let added = 0; added < extra;) {
      if (open.length > 0) {
        const n = Math.floor(random() * open.length);
        if (open[n].entity.fields.length >= open[n].cap) open.splice(n, 1);
        else if (addTo(open[n])) added++;
        continue;
      }
      const unified = unifiedSchema[Math.floor(random() * unifiedSchema.length)];
      const entity: EntitySpec = {
        name: uniqueEntityName(unified.name.replace(/\s+/g, ''), entities),
        description: null,
        recordCount: random() < 0.8 ? Math.round(10 ** (1 + 4 * random())) : null,
        mappedTo: unified.name,
        fields: [{ name: 'id', type: FieldType.STRING, identifier: true, piiClass: null }],
      };
      entities.push(entity);
      open.push(widening(entity, random));
      added++;
    }
    schemas.push({ serviceKey: schema.serviceKey, entities });
  });
  return { ...estate, schemas, unifiedSchema, mappings };
}

/** An entity being widened: the names it holds (lower-cased, spelt or not) and how many fields it may reach. */
interface Widening {
  entity: EntitySpec;
  names: Set<string>;
  cap: number;
}

function widening(entity: EntitySpec, random: () => number): Widening {
  const names = new Set(entity.fields.map((f) => f.name.toLowerCase()));
  return { entity, names, cap: MIN_ENTITY_CAP + Math.floor(random() * (MAX_ENTITY_CAP - MIN_ENTITY_CAP)) };
}

function uniqueEntityName(name: string, entities: EntitySpec[]): string {
  let candidate = name;
  for (let n = 2; entities.some((e) => e.name.toLowerCase() === candidate.toLowerCase()); n++)
    candidate = `${name}_${n}`;
  return candidate;
}
