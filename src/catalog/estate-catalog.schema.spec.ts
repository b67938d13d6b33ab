import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { getMetadataStorage } from 'class-validator';
import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { KEY_PATTERN } from '../common/validators';
import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  IntegrationFrequency,
  IntegrationMechanism,
  Lifecycle,
  ServiceKind,
  SpecFormat,
} from '../inventory/inventory.enums';
import { IntegrationInput } from '../inventory/integration.input';
import { DataAccessInput, LinkInput, MoneyInput, ServiceInput } from '../inventory/service.input';
import { TeamInput } from '../inventory/team.input';
import { importEstateJson } from '../schemas/importers/estate-json.importer';
import { importSchema } from '../schemas/importers/import-schema';
import { SchemaFormat } from '../schemas/importers/import.types';
import { SqlDialect } from '../schemas/importers/sql-ddl.importer';
import { FieldType, PiiClass } from '../schemas/schema.types';
import schema from './estate-catalog.schema.json';

const FIXTURES = path.join(__dirname, '../../test/fixtures/catalog');
const SCHEMA_ID = schema.$id;

type Json = Record<string, any>;

/** The validator an editor or CI would use: strict mode, all errors, formats (email, uri, date) checked. */
function compile() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return { ajv, validateDocument: ajv.compile(schema) };
}

const { ajv, validateDocument } = compile();

function errorsOf(document: unknown): ErrorObject[] {
  return validateDocument(document) ? [] : (validateDocument.errors ?? []);
}

/** The documents of a YAML file, read as Estate reads them (core schema: dates stay strings). */
function documentsOf(file: string): Json[] {
  return loadAll(fs.readFileSync(file, 'utf8'), { schema: CORE_SCHEMA }) as Json[];
}

function yamlFiles(directory: string): string[] {
  return fs
    .readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(directory, name));
}

/** 1-based numbers of the lines that carry an `# error:` marker. */
function markedLines(file: string): number[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => (/#\s*error:/.test(line) ? [i + 1] : []));
}

/** Every subschema, with its JSON pointer in the schema. */
function* subschemas(node: unknown, pointer = ''): Generator<[string, Json]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* subschemas(item, `${pointer}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  yield [pointer, node];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
    yield* subschemas(value, `${pointer}/${key}`);
  }
}

function definition(name: string): Json {
  return (schema.$defs as Record<string, Json>)[name];
}

function resolve(node: Json): Json {
  const ref = node.$ref as string | undefined;
  return ref?.startsWith('#/$defs/') ? definition(ref.slice('#/$defs/'.length)) : node;
}

/** Properties a class-validator class checks (inherited ones included), and those it requires. */
function validatedProperties(target: new () => object): { all: string[]; required: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target, '', false, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))];
  const optional = new Set(metadata.filter((m) => m.name === 'isOptional').map((m) => m.propertyName));
  return { all: all.sort(), required: all.filter((p) => !optional.has(p)).sort() };
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('estate-catalog.schema.json', () => {
  it('compiles with ajv (draft 2020-12) in strict mode and is a valid 2020-12 schema', () => {
    expect(() => compile()).not.toThrow();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('describes every property, directly or through the definition it refers to', () => {
    const undescribed: string[] = [];
    for (const [pointer, node] of subschemas(schema)) {
      const properties = node.properties as Record<string, unknown> | undefined;
      if (
        !properties ||
        pointer.includes('/if') ||
        pointer.includes('/oneOf/') ||
        pointer.includes('/dependentSchemas/')
      )
        continue;
      for (const [name, property] of Object.entries(properties)) {
        const described = typeof property === 'object' && property !== null && 'description' in resolve(property);
        if (!described) undescribed.push(`${pointer}/properties/${name}`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('accepts its own examples', () => {
    const rejected: string[] = [];
    const check = (reference: string, examples: unknown) => {
      const validate = ajv.getSchema(`${SCHEMA_ID}${reference}`)!;
      for (const [i, example] of ((examples as unknown[] | undefined) ?? []).entries()) {
        if (!validate(example)) rejected.push(`${reference} example ${i}: ${ajv.errorsText(validate.errors)}`);
      }
    };
    check('#', schema.examples);
    for (const [name, node] of Object.entries(schema.$defs as Record<string, Json>))
      check(`#/$defs/${name}`, node.examples);
    expect(rejected).toEqual([]);
  });

  describe('keeps up with the code', () => {
    /** Every enum of the schema and the TypeScript enum it must equal. */
    const ENUMS: [string, Record<string, string>][] = [
      ['ServiceType', ServiceKind],
      ['Lifecycle', Lifecycle],
      ['Criticality', Criticality],
      ['ApiStyle', ApiStyle],
      ['SpecFormat', SpecFormat],
      ['ChangeEvents', ChangeEvents],
      ['DataStructure', DataStructure],
      ['AuthMethod', AuthMethod],
      ['IntegrationMechanism', IntegrationMechanism],
      ['IntegrationFrequency', IntegrationFrequency],
      ['FieldType', FieldType],
      ['PiiClass', PiiClass],
      ['SchemaFormat', SchemaFormat],
      ['SqlDialect', SqlDialect],
    ];

    it.each(ENUMS)('$defs/%s lists the values of its TypeScript enum', (name, values) => {
      expect(definition(name).enum).toEqual(Object.values(values));
    });

    it('has no enum that is not checked against the code', () => {
      const checked = new Set(ENUMS.map(([name]) => `/$defs/${name}`));
      const unchecked = [...subschemas(schema)]
        .filter(([pointer, node]) => Array.isArray(node.enum) && !checked.has(pointer))
        .map(([pointer]) => pointer);
      // The document kind is the descriptor's own vocabulary, not a code enum.
      expect(unchecked).toEqual(['/properties/kind']);
    });

    it('uses the key pattern and the lifecycle default of the inputs', () => {
      expect(definition('Key').pattern).toBe(KEY_PATTERN.source);
      // ServiceInput's lifecycle defaults to ACTIVE (@Field defaultValue).
      expect(definition('Lifecycle').default).toBe(Lifecycle.ACTIVE);
    });

    it('has a property for every field of ServiceInput (kind is called type), and requires the same ones', () => {
      const service = definition('Service');
      const descriptorOnly = ['apiVersion', 'kind', 'integrations', 'entities', 'schema'];
      const asInput = (name: string) => (name === 'type' ? 'kind' : name);
      const fields = Object.keys(service.properties as Json).filter((p) => !descriptorOnly.includes(p));
      const input = validatedProperties(ServiceInput);
      expect(sorted(fields.map(asInput))).toEqual(input.all);
      const required = (service.required as string[]).filter((p) => !descriptorOnly.includes(p));
      expect(sorted(required.map(asInput))).toEqual(input.required);
    });

    it.each<[string, new () => object, string[]]>([
      ['Team', TeamInput, ['apiVersion', 'kind']],
      ['Money', MoneyInput, []],
      ['Link', LinkInput, []],
      ['DataAccess', DataAccessInput, []],
      ['Integration', IntegrationInput, []],
    ])('$defs/%s has the fields of its input class', (name, input, descriptorOnly) => {
      const fields = Object.keys(definition(name).properties as Json).filter((p) => !descriptorOnly.includes(p));
      expect(sorted(fields)).toEqual(validatedProperties(input).all);
      const required = ((definition(name).required as string[] | undefined) ?? []).filter(
        (p) => !descriptorOnly.includes(p),
      );
      // A descriptor's integration names only the other end (source or target); the service is the one it is in.
      const expected = validatedProperties(input).required.filter((p) => name !== 'Integration' || p === 'mechanism');
      expect(sorted(required)).toEqual(expected);
    });

    it('has the keys the Estate JSON importer reads for entities and fields', () => {
      // Keys listed in src/schemas/importers/estate-json.importer.ts (EntitySpec/FieldSpec are interfaces: no metadata).
      expect(sorted(Object.keys(definition('Entity').properties as Json))).toEqual(
        sorted(['name', 'description', 'recordCount', 'mappedTo', 'fields']),
      );
      expect(sorted(Object.keys(definition('Field').properties as Json))).toEqual(
        sorted([
          'name',
          'type',
          'sourceType',
          'description',
          'nullable',
          'identifier',
          'enum',
          'referenceTarget',
          'isArray',
          'piiClass',
        ]),
      );
    });
  });

  describe('on the example catalog (test/fixtures/catalog/estate)', () => {
    const directory = path.join(FIXTURES, 'estate');
    const documents = yamlFiles(directory).flatMap((file) => documentsOf(file).map((document) => ({ file, document })));

    it('accepts every document', () => {
      expect(documents.length).toBeGreaterThan(0);
      const rejected = documents
        .map(({ file, document }) => ({ file: path.basename(file), key: document.key, errors: errorsOf(document) }))
        .filter((r) => r.errors.length);
      expect(rejected).toEqual([]);
    });

    it('declares every team and service it refers to', () => {
      const teams = new Set(documents.filter((d) => d.document.kind === 'Team').map((d) => d.document.key));
      const services = documents.filter((d) => d.document.kind === 'Service').map((d) => d.document);
      const keys = new Set(services.map((s) => s.key));
      expect(services.filter((s) => !teams.has(s.ownerTeam)).map((s) => s.key)).toEqual([]);
      const ends = services.flatMap((s) =>
        ((s.integrations as Json[] | undefined) ?? []).map((i) => i.target ?? i.source),
      );
      expect(ends.filter((end) => !keys.has(end))).toEqual([]);
    });

    it('has inline entities and schema files that Estate imports without a warning', () => {
      const services = documents.filter((d) => d.document.kind === 'Service');
      const imports = services.flatMap(({ file, document }) => {
        if (document.entities) return [importEstateJson(JSON.stringify({ entities: document.entities }))];
        if (!document.schema) return [];
        const { file: schemaFile, format, sqlDialect, maxDepth } = document.schema as Json;
        const content = fs.readFileSync(path.join(path.dirname(file), schemaFile as string), 'utf8');
        return [importSchema(content, format, { sqlDialect, maxDepth, fileName: schemaFile })];
      });
      expect(imports.filter((i) => i.entities.length > 0).length).toBeGreaterThanOrEqual(3);
      const unexpected = imports.flatMap((i) => i.warnings).filter((w) => !/kept as JSON fields/.test(w.message));
      expect(unexpected).toEqual([]);
    });
  });

  describe('on the broken examples (test/fixtures/catalog/broken)', () => {
    const file = path.join(FIXTURES, 'broken/estate.yaml');
    const documents = documentsOf(file);
    const pathsOf = (document: Json) => sorted(new Set(errorsOf(document).map((e) => e.instancePath)));

    it('names the offending field of each broken document', () => {
      expect(documents.map((d) => [d.key, pathsOf(d)])).toEqual([
        ['workplace-it', []],
        ['expense-tool', ['', '/annualCost/amount', '/criticality']],
        ['travel-booking', ['', '/integrations/0']],
      ]);
    });

    it('says why', () => {
      const messages = (document: Json, instancePath: string) =>
        errorsOf(document)
          .filter((e) => e.instancePath === instancePath)
          .map((e) => e.keyword);
      expect(messages(documents[1], '/criticality')).toEqual(['enum']);
      expect(messages(documents[1], '/annualCost/amount')).toEqual(['pattern']);
      expect(messages(documents[2], '/integrations/0')).toContain('oneOf');
    });

    it('marks the line of each error', () => {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const marked = markedLines(file).map((n) => lines[n - 1].trim().split(':')[0]);
      expect(marked).toEqual(['criticality', 'amount', '- source']);
    });

    it('has a YAML error on the marked line of yaml-syntax.yaml', () => {
      const syntax = path.join(FIXTURES, 'broken/yaml-syntax.yaml');
      let line: number | undefined;
      try {
        documentsOf(syntax);
      } catch (error) {
        if (!(error instanceof YAMLException)) throw error;
        line = error.mark ? error.mark.line + 1 : undefined;
      }
      expect(line).toBeDefined();
      expect(markedLines(syntax)).toEqual([line]);
    });

    it('rejects entities and schema together, unknown keys and a bad date', () => {
      const service = { apiVersion: 'estate/v1', kind: 'Service', key: 'x', name: 'X', type: 'SAAS', ownerTeam: 't' };
      expect(pathsOf({ ...service, entities: [], schema: { file: 'x.sql' } })).toEqual(['', '/schema']);
      expect(pathsOf({ ...service, owner: 't' })).toEqual(['']);
      expect(pathsOf({ ...service, contractRenewalDate: '2025-02-30' })).toEqual(['', '/contractRenewalDate']);
      expect(pathsOf({ ...service, integrations: [{ target: 'y' }] })).toEqual(['', '/integrations/0']);
      expect(pathsOf({ apiVersion: 'estate/v1', kind: 'Teem', key: 't', name: 'T' })).toEqual(['/kind']);
    });
  });

  describe('the Backstage example (test/fixtures/catalog/backstage)', () => {
    const directory = path.join(FIXTURES, 'backstage');

    it('lists in its Location files that exist, and one URL', () => {
      const [location] = documentsOf(path.join(directory, 'catalog-info.yaml'));
      const targets = location.spec.targets as string[];
      const urls = targets.filter((t) => /^https:\/\//.test(t));
      expect(urls).toHaveLength(1);
      const missing = targets.filter((t) => !urls.includes(t) && !fs.existsSync(path.join(directory, t)));
      expect(missing).toEqual([]);
    });

    it('has OpenAPI definitions, inline and in a $text file, that Estate imports without a warning', () => {
      const apis = yamlFiles(path.join(directory, 'apis'))
        .flatMap((file) => documentsOf(file).map((document) => ({ file, document })))
        .filter(({ document }) => document.spec.type === 'openapi');
      const definitions = apis.map(({ file, document }) => {
        const definition = document.spec.definition as string | { $text: string };
        return typeof definition === 'string'
          ? definition
          : fs.readFileSync(path.join(path.dirname(file), definition.$text), 'utf8');
      });
      expect(definitions).toHaveLength(2);
      for (const definition of definitions) {
        const imported = importSchema(definition, SchemaFormat.OPENAPI);
        expect(imported.warnings).toEqual([]);
        expect(imported.entities.length).toBeGreaterThanOrEqual(3);
      }
    });
  });
});
