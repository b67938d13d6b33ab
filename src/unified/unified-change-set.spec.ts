import { ChangeLevel, FieldType, PiiClass, SchemaMode } from '../schemas/schema.types';
import { normaliseUnifiedEntity, planUnifiedSchema, unifiedSchemaProblems } from './unified-change-set';
import type { StoredUnifiedEntity, UnifiedEntitySpec } from './unified.types';

const stored = (entity: UnifiedEntitySpec, n: number): StoredUnifiedEntity => {
  const normalised = normaliseUnifiedEntity(entity);
  return { ...normalised, id: `e${n}`, fields: normalised.fields.map((f, j) => ({ ...f, id: `e${n}f${j}` })) };
};
const account: UnifiedEntitySpec = {
  name: 'crm.Account',
  fields: [
    { name: 'id', type: FieldType.STRING, required: true },
    { name: 'industry', enumValues: ['Banking', 'Retail'] },
    { name: 'addresses[].city', description: 'City' },
  ],
};
const contact: UnifiedEntitySpec = { name: 'crm.Contact', fields: [{ name: 'email', piiClass: PiiClass.EMAIL }] };

describe('unifiedSchemaProblems', () => {
  it.each([
    ['a blank entity name', { name: ' ', fields: [] }, 'entities[0].name', 'must not be blank'],
    [
      'a field path with an empty segment',
      { name: 'a.B', fields: [{ name: 'a..b' }] },
      'entities[0].fields[0].name',
      /dotted path/,
    ],
    ['[] inside a segment', { name: 'a.B', fields: [{ name: 'a[]b' }] }, 'entities[0].fields[0].name', /dotted path/],
    [
      'a long description',
      { name: 'a.B', description: 'x'.repeat(4001), fields: [] },
      'entities[0].description',
      /4000/,
    ],
    [
      'too many synonyms',
      { name: 'a.B', synonyms: Array.from({ length: 51 }, (_, i) => `s${i}`), fields: [] },
      'entities[0].synonyms',
      /at most 50/,
    ],
  ])('names %s by its path', (_case, entity, path, message) => {
    const problems = unifiedSchemaProblems([entity]);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe(path);
    expect(problems[0].message).toMatch(message);
  });

  it('takes dotted paths, lists included, and bounds the whole write', () => {
    const fields = ['id', 'addresses[].city', 'tags[]', 'a.b.c', 'x-y_z'].map((name) => ({ name }));
    expect(unifiedSchemaProblems([{ name: 'crm.Account', fields }])).toEqual([]);
    const many = Array.from({ length: 11 }, (_, i) => ({
      name: `e.E${i}`,
      fields: Array.from({ length: 2_000 }, (_, j) => ({ name: `f${j}` })),
    }));
    expect(unifiedSchemaProblems(many)).toEqual([
      { path: 'entities', message: 'at most 20000 fields in all (got 22000)' },
    ]);
  });
});

describe('normaliseUnifiedEntity', () => {
  it('trims, keeps each synonym once, makes a field with values an ENUM and leaves other types open', () => {
    const entity = normaliseUnifiedEntity({
      name: ' crm.Account ',
      description: '  ',
      synonyms: ['Company', ' company ', 'Client'],
      fields: [{ name: 'industry', enumValues: ['A', 'A', 'B'] }, { name: 'notes' }],
    });
    expect(entity).toEqual({
      name: 'crm.Account',
      description: null,
      synonyms: ['Company', 'Client'],
      fields: [
        {
          name: 'industry',
          type: FieldType.ENUM,
          description: null,
          synonyms: [],
          required: false,
          piiClass: null,
          enumValues: ['A', 'B'],
        },
        { name: 'notes', type: null, description: null, synonyms: [], required: false, piiClass: null, enumValues: [] },
      ],
    });
  });
});

describe('planUnifiedSchema', () => {
  const current = [stored(account, 1), stored(contact, 2)];
  const plan = (incoming: UnifiedEntitySpec[], mode = SchemaMode.REPLACE) =>
    planUnifiedSchema(current, incoming.map(normaliseUnifiedEntity), mode);

  it('finds nothing to change in the same schema (ids are not content)', () => {
    expect(plan([account, contact]).changes.level).toBe(ChangeLevel.NONE);
  });

  it.each([
    ['a new description', { name: 'addresses[].city', description: 'Town' }, ChangeLevel.PATCH],
    ['new synonyms', { name: 'addresses[].city', description: 'City', synonyms: ['town'] }, ChangeLevel.PATCH],
    ['a first type', { name: 'addresses[].city', description: 'City', type: FieldType.STRING }, ChangeLevel.MINOR],
    [
      'a PII class',
      { name: 'addresses[].city', description: 'City', piiClass: PiiClass.POSTAL_ADDRESS },
      ChangeLevel.MINOR,
    ],
    ['becoming required', { name: 'addresses[].city', description: 'City', required: true }, ChangeLevel.MAJOR],
  ])('rates %s as %s', (_case, city, level) => {
    const { changes } = plan([{ ...account, fields: [account.fields[0], account.fields[1], city] }, contact]);
    expect(changes.fieldsChanged).toEqual([
      expect.objectContaining({ entity: 'crm.Account', field: 'addresses[].city', level }),
    ]);
    expect(changes.level).toBe(level);
  });

  it('rates a changed type and a lost enum value as MAJOR', () => {
    const changed = {
      ...account,
      fields: [
        { name: 'id', type: FieldType.INTEGER, required: true },
        { name: 'industry', enumValues: ['Retail'] },
        account.fields[2],
      ],
    };
    const { changes } = plan([changed, contact]);
    expect(changes.fieldsChanged.map((c) => [c.field, c.level])).toEqual([
      ['id', ChangeLevel.MAJOR],
      ['industry', ChangeLevel.MAJOR],
    ]);
  });

  it('REPLACE removes what is not given; MERGE keeps it, ids included', () => {
    const replaced = plan([{ name: 'crm.Account', fields: [account.fields[0]] }]);
    expect(replaced.changes).toMatchObject({
      level: ChangeLevel.MAJOR,
      entitiesRemoved: ['crm.Contact'],
      fieldsRemoved: [
        { entity: 'crm.Contact', field: 'email' },
        { entity: 'crm.Account', field: 'industry' },
        { entity: 'crm.Account', field: 'addresses[].city' },
      ],
    });
    const merged = plan([{ name: 'crm.Lead', fields: [{ name: 'source' }] }], SchemaMode.MERGE);
    expect(merged.changes).toMatchObject({
      level: ChangeLevel.MINOR,
      entitiesAdded: ['crm.Lead'],
      entitiesRemoved: [],
    });
    expect(merged.result.map((e) => ('id' in e ? e.id : null))).toEqual(['e1', 'e2', null]);
  });
});
