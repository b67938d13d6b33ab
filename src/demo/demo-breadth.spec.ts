import { schemaProblems } from '../schemas/change-set';
import { unifiedSchemaProblems } from '../unified/unified-change-set';
import { BENCH_BREADTH, widenUnifiedSchema } from './demo-breadth';
import { seededRandom } from '../common/seeded-random';
import { generateDemoEstate, type DemoEstate } from './demo-estate';
import { KNOWN_SYSTEMS } from './demo-systems';
import { DEMO_UNIFIED_SCHEMA } from './demo-unified';

const fieldCount = (estate: DemoEstate) =>
  estate.schemas.reduce((n, s) => n + s.entities.reduce((m, e) => m + e.fields.length, 0), 0);
const unifiedFieldCount = (estate: DemoEstate) => estate.unifiedSchema.reduce((n, e) => n + e.fields.length, 0);

describe('generateDemoEstate with a breadth (the benchmarks’ estate)', () => {
  const demo = generateDemoEstate({ services: 1200, seed: 1 });
  const wide = generateDemoEstate({ services: 1200, seed: 1, breadth: BENCH_BREADTH });

  it('reaches ~50 fields per service and a unified schema of 600 fields', () => {
    expect(fieldCount(demo)).toBeLessThan(20_000);
    expect(unifiedFieldCount(demo)).toBe(111);
    expect(fieldCount(wide)).toBe(60_000);
    expect(unifiedFieldCount(wide)).toBe(600);
    expect(wide.mappings.length).toBeGreaterThan(3 * demo.mappings.length);
  });

  it('only adds: services, teams, integrations, known systems and the demo’s own fields and mappings stay', () => {
    expect(wide.services).toEqual(demo.services);
    expect(wide.teams).toEqual(demo.teams);
    expect(wide.integrations).toEqual(demo.integrations);
    expect(wide.schemas.slice(0, KNOWN_SYSTEMS.length)).toEqual(demo.schemas.slice(0, KNOWN_SYSTEMS.length));
    expect(wide.mappings.slice(0, demo.mappings.length)).toEqual(demo.mappings);
    demo.schemas.forEach((schema, i) =>
      schema.entities.forEach((entity, j) =>
        expect(wide.schemas[i].entities[j].fields.slice(0, entity.fields.length)).toEqual(entity.fields),
      ),
    );
    expect(wide.unifiedSchema.slice(0, DEMO_UNIFIED_SCHEMA.length).map((e) => e.name)).toEqual(
      DEMO_UNIFIED_SCHEMA.map((e) => e.name),
    );
  });

  it('is deterministic and makes schemas Estate accepts', () => {
    expect(generateDemoEstate({ services: 1200, seed: 1, breadth: BENCH_BREADTH })).toEqual(wide);
    for (const schema of wide.schemas) expect(schemaProblems(schema.entities)).toEqual([]);
    expect(unifiedSchemaProblems(wide.unifiedSchema)).toEqual([]);
  });

  it('maps only fields that exist onto unified fields that exist, each field once', () => {
    const fields = new Set(
      wide.schemas.flatMap((s) =>
        s.entities.flatMap((e) => e.fields.map((f) => `${s.serviceKey}.${e.name}.${f.name}`)),
      ),
    );
    const unified = new Set(wide.unifiedSchema.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}`)));
    const mapped = wide.mappings.map((m) => `${m.serviceKey}.${m.entity}.${m.field}`.toLowerCase());
    expect(new Set(mapped).size).toBe(mapped.length);
    const dangling = wide.mappings.filter(
      (m) =>
        !fields.has(`${m.serviceKey}.${m.entity}.${m.field}`) || !unified.has(`${m.unifiedEntity}.${m.unifiedField}`),
    );
    expect(dangling).toEqual([]);
  });

  it('widens the unified schema to any size asked for, new entities first', () => {
    for (const target of [111, 300, 600, 1200]) {
      const schema = widenUnifiedSchema(DEMO_UNIFIED_SCHEMA, target, seededRandom(5));
      expect(schema.reduce((n, e) => n + e.fields.length, 0)).toBe(target);
      expect(unifiedSchemaProblems(schema)).toEqual([]);
    }
    expect(() =>
      generateDemoEstate({ services: 120, seed: 1, breadth: { fieldsPerService: 0, unifiedFields: 1 } }),
    ).toThrow(RangeError);
  });
});
