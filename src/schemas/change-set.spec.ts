import { normaliseEntity, planSchema, schemaProblems } from './change-set';
import { ChangeLevel, FieldType, PiiClass, SchemaMode, type EntitySpec } from './schema.types';
import { normaliseSourceType } from './source-types';

const account: EntitySpec = {
  name: 'Account',
  description: 'A company',
  fields: [
    { name: 'Id', sourceType: 'id', identifier: true, nullable: false },
    { name: 'Name', sourceType: 'string', nullable: false },
    { name: 'Industry', sourceType: 'picklist', enumValues: ['Banking', 'Retail'] },
    { name: 'AnnualRevenue', sourceType: 'currency' },
  ],
};
const contact: EntitySpec = {
  name: 'Contact',
  fields: [
    { name: 'Email', sourceType: 'email' },
    { name: 'AccountId', sourceType: 'reference', referenceTarget: 'Account' },
  ],
};
const plan = (current: EntitySpec[], incoming: EntitySpec[], mode = SchemaMode.REPLACE) =>
  planSchema(current.map(normaliseEntity), incoming.map(normaliseEntity), mode);

describe('normaliseEntity', () => {
  it('infers types from source types, defaults and classifies personal data with a reason', () => {
    const [email, accountId] = normaliseEntity(contact).fields;
    expect(email).toMatchObject({ type: FieldType.STRING, nullable: true, piiClass: PiiClass.EMAIL });
    expect(email.piiReason).toBe('name "Email" contains "email"');
    expect(accountId).toMatchObject({ type: FieldType.REFERENCE, referenceTarget: 'Account', piiClass: null });
    expect(normaliseEntity(account).fields.map((f) => f.type)).toEqual([
      FieldType.REFERENCE,
      FieldType.STRING,
      FieldType.ENUM,
      FieldType.DECIMAL,
    ]);
  });

  it('keeps a hand-set PII class and says so', () => {
    const [field] = normaliseEntity({ name: 'T', fields: [{ name: 'notes', piiClass: PiiClass.PERSON_NAME }] }).fields;
    expect(field).toMatchObject({ piiClass: PiiClass.PERSON_NAME, piiReason: 'set by hand' });
  });
});

describe('normaliseSourceType', () => {
  it.each([
    ['varchar', FieldType.STRING],
    ['VARCHAR(255)', FieldType.STRING],
    ['text', FieldType.TEXT],
    ['bigint', FieldType.INTEGER],
    ['numeric(14,2)', FieldType.DECIMAL],
    ['timestamp with time zone', FieldType.DATETIME],
    ['date-time', FieldType.DATETIME],
    ['date', FieldType.DATE],
    ['jsonb', FieldType.JSON],
    ['bytea', FieldType.BINARY],
    ['boolean', FieldType.BOOLEAN],
    ['picklist', FieldType.ENUM],
    [null, FieldType.STRING],
  ])('%p → %s', (source, type) => expect(normaliseSourceType(source)).toBe(type));
});

describe('planSchema', () => {
  it('a first schema adds everything: MINOR', () => {
    const { changes, result } = plan([], [account, contact]);
    expect(changes.level).toBe(ChangeLevel.MINOR);
    expect(changes.entitiesAdded).toEqual(['Account', 'Contact']);
    expect(changes.fieldsAdded).toHaveLength(6);
    expect(result.map((e) => e.name)).toEqual(['Account', 'Contact']);
  });

  it('the same schema again changes nothing: NONE', () => {
    const { changes } = plan([account, contact], [account, contact]);
    expect(changes).toMatchObject({ level: ChangeLevel.NONE, fieldsAdded: [], fieldsRemoved: [], fieldsChanged: [] });
  });

  it('a new description is PATCH; a new field MINOR; a changed type or a removed field MAJOR', () => {
    const described = {
      ...account,
      fields: account.fields.map((f) => (f.name === 'Name' ? { ...f, description: 'Legal name' } : f)),
    };
    expect(plan([account], [described]).changes.level).toBe(ChangeLevel.PATCH);

    const added = { ...account, fields: [...account.fields, { name: 'Website' }] };
    expect(plan([account], [added]).changes).toMatchObject({
      level: ChangeLevel.MINOR,
      fieldsAdded: [{ entity: 'Account', field: 'Website' }],
    });

    const retyped = {
      ...account,
      fields: account.fields.map((f) => (f.name === 'AnnualRevenue' ? { ...f, sourceType: 'string' } : f)),
    };
    const retype = plan([account], [retyped]).changes;
    expect(retype.level).toBe(ChangeLevel.MAJOR);
    expect(retype.fieldsChanged[0].changes.type).toEqual({ before: FieldType.DECIMAL, after: FieldType.STRING });

    const removed = { ...account, fields: account.fields.slice(0, 2) };
    expect(plan([account], [removed]).changes).toMatchObject({
      level: ChangeLevel.MAJOR,
      fieldsRemoved: [
        { entity: 'Account', field: 'Industry' },
        { entity: 'Account', field: 'AnnualRevenue' },
      ],
    });
  });

  it('removing an enum value is MAJOR, adding one MINOR', () => {
    const withValues = (values: string[]) => ({
      ...account,
      fields: account.fields.map((f) => (f.name === 'Industry' ? { ...f, enumValues: values } : f)),
    });
    expect(plan([account], [withValues(['Banking', 'Retail', 'Energy'])]).changes.level).toBe(ChangeLevel.MINOR);
    expect(plan([account], [withValues(['Banking'])]).changes.level).toBe(ChangeLevel.MAJOR);
  });

  it('REPLACE removes entities not given; MERGE keeps them and the fields not given', () => {
    const onlyContact = plan([account, contact], [{ name: 'contact', fields: [{ name: 'Phone' }] }]);
    expect(onlyContact.changes.entitiesRemoved).toEqual(['Account']);
    expect(onlyContact.changes.fieldsRemoved).toHaveLength(4 + 2);

    const merged = plan([account, contact], [{ name: 'CONTACT', fields: [{ name: 'Phone' }] }], SchemaMode.MERGE);
    expect(merged.changes).toMatchObject({ level: ChangeLevel.MINOR, entitiesRemoved: [], fieldsRemoved: [] });
    expect(merged.result.map((e) => e.name)).toEqual(['Account', 'CONTACT']);
    expect(merged.result[1].fields.map((f) => f.name)).toEqual(['Email', 'AccountId', 'Phone']);
  });
});

describe('schemaProblems', () => {
  it('names duplicate and blank names by path', () => {
    expect(
      schemaProblems([
        { name: 'Account', fields: [{ name: 'Id' }, { name: 'ID' }, { name: ' ' }] },
        { name: 'account', fields: [] },
      ]),
    ).toEqual([
      { path: 'entities[0].fields[1].name', message: 'duplicates fields[0] (names are case-insensitive)' },
      { path: 'entities[0].fields[2].name', message: 'must not be blank' },
      { path: 'entities[1].name', message: 'duplicates entities[0] (names are case-insensitive)' },
    ]);
  });
});
