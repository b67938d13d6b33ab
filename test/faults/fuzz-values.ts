import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';

/**
 * A value to send to the API, encodable both as a JSON variable and as an inline GraphQL
 * literal. Numbers keep their text so that values JSON and GraphQL accept but JavaScript
 * cannot hold (1e400, 9007199254740993, -0) reach the server as written.
 */
export type FuzzValue =
  | { kind: 'null' }
  | { kind: 'string'; value: string }
  | { kind: 'number'; text: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; items: FuzzValue[] }
  | { kind: 'object'; fields: [string, FuzzValue][] }
  /** Lists or objects nested `depth` deep, written out only when encoded (cheap to shrink). */
  | { kind: 'nested'; shape: 'list' | 'object'; depth: number };

/** How hostile a generated request is. */
export type FuzzMode =
  /** Values that look like what a client would send: existing keys and ids, small numbers. */
  | 'valid'
  /** Well-typed for GraphQL, hostile for the service: any unicode, extreme in-range numbers, odd ids. */
  | 'hostile'
  /** Also ill-typed: out-of-range numbers, wrong types, null for non-null, missing or unknown fields. */
  | 'wrong';

/** What the seeded estate holds, so that valid-looking values can name real things. */
export interface FuzzPools {
  serviceKeys: string[];
  teamKeys: string[];
  /** Ids by table (and `import` for bulk import ids). */
  ids: Record<string, string[]>;
  names: string[];
  unifiedEntityNames: string[];
  profiles: string[];
  cursors: string[];
  /** Texts of files importServiceSchema, importUnifiedSchema and importCatalog read. */
  contents: { schema: string[]; unified: string[]; catalog: string[] };
  /** Paths of the catalog files. */
  catalogPaths: string[];
  /** Known-good values of input types, by type name: a generated input starts from one. */
  templates: Record<string, unknown[]>;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

const str = (value: string): FuzzValue => ({ kind: 'string', value });
const num = (text: string): FuzzValue => ({ kind: 'number', text });
const NULL: FuzzValue = { kind: 'null' };

/** The value as JSON text. */
export function toJson(value: FuzzValue): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'string':
    case 'enum':
      return JSON.stringify(value.value);
    case 'number':
      return value.text;
    case 'boolean':
      return String(value.value);
    case 'list':
      return `[${value.items.map(toJson).join(',')}]`;
    case 'object':
      return `{${value.fields.map(([name, inner]) => `${JSON.stringify(name)}:${toJson(inner)}`).join(',')}}`;
    case 'nested':
      return value.shape === 'list'
        ? '['.repeat(value.depth) + ']'.repeat(value.depth)
        : '{"a":'.repeat(value.depth) + '1' + '}'.repeat(value.depth);
  }
}

/** The value as a GraphQL literal (JSON string escapes are GraphQL string escapes). */
export function toLiteral(value: FuzzValue): string {
  switch (value.kind) {
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(value.value);
    case 'enum':
      return NAME.test(value.value) ? value.value : JSON.stringify(value.value);
    case 'number':
      return value.text;
    case 'boolean':
      return String(value.value);
    case 'list':
      return `[${value.items.map(toLiteral).join(', ')}]`;
    case 'object':
      return `{${value.fields.map(([name, inner]) => `${name}: ${toLiteral(inner)}`).join(', ')}}`;
    case 'nested':
      return value.shape === 'list'
        ? '['.repeat(value.depth) + ']'.repeat(value.depth)
        : '{a: '.repeat(value.depth) + '1' + '}'.repeat(value.depth);
  }
}

// ---------------------------------------------------------------------------------------------
// Strings and numbers

/** UTF-16 code units, any of them: lone surrogates, NUL, controls, BOM. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\u200F\u200Fmarked',
  '\uFEFFbom',
  '\uD800',
  'tail\uDFFF',
  '\r\n\t',
  '  padded  ',
  '%',
  '_',
  '\\',
  "'",
  '"',
  "'; DROP TABLE service; --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  'null',
  'undefined',
  'a & b | !c',
  ':*',
  '(((',
  '<script>alert(1)</script>',
  'Ω≈ç√∫˜µ≤≥÷',
  '𝕳𝖊𝖑𝖑𝖔',
  '👩‍👩‍👧‍👦',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͍',
  'ﷺ',
  '٠١٢٣',
  'İstanbul',
  'ß',
];

/** Strings of 10 000 and more characters, some made of astral or combining characters. */
const longString = fc
  .tuple(fc.constantFrom(10_000, 10_001, 70_000), fc.constantFrom('a', 'é', '😀', '\u0301', '-', ' ', 'x\u0000'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 1, arbitrary: longString },
);

const MAX_INT = 2_147_483_647;

/** The largest list values generated past a list's bound are kept under this size as JSON. */
const MAX_BIG_LIST_BYTES = 4 * 1024 * 1024;

/** JSON and GraphQL agree on this number syntax; -0 stays -0. */
const numberText = (value: number) => (Object.is(value, -0) ? '-0' : String(value));

const hostileInt = fc.oneof(
  fc.integer({ min: -MAX_INT - 1, max: MAX_INT }),
  fc.constantFrom(0, -1, MAX_INT, -MAX_INT - 1),
);
const hostileFloat = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 1e-7, 0.1 + 0.2),
);

/** Numbers that no Int holds, and numbers no Float holds: they must be refused, never crash. */
const WRONG_NUMBERS = [
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '123456789012345678901234567890',
  '1e400',
  '-1e400',
  '1.5',
  '-0.0000001',
  '1e2',
  '1E-400',
];

// ---------------------------------------------------------------------------------------------
// Valid-looking values, chosen by the name of the argument or input field

function pick<T>(values: T[], fallback: T): fc.Arbitrary<T> {
  return values.length > 0 ? fc.constantFrom(...values) : fc.constant(fallback);
}

/**
 * Strings a client would send as `name` (an argument or input field; `context` is the field or
 * input type it belongs to): good ones, and odd ones a careless client might send.
 */
function plausibleString(
  name: string,
  context: string,
  pools: FuzzPools,
): { good: fc.Arbitrary<string>; odd: fc.Arbitrary<string> } {
  const both = (good: fc.Arbitrary<string>, ...odd: string[]) => ({
    good,
    odd: odd.length > 0 ? fc.constantFrom(...odd) : good,
  });
  const serviceKey = pick(pools.serviceKeys, 'svc');
  const teamKey = pick(pools.teamKeys, 'team');
  switch (name) {
    case 'key':
      return context === 'TeamInput'
        ? both(fc.oneof(teamKey, fc.constant('fuzz-team')), '-bad', 'a'.repeat(64), 'Platform')
        : both(
            fc.oneof({ weight: 4, arbitrary: serviceKey }, { weight: 1, arbitrary: fc.constant('fuzz-new-service') }),
            'NO-SUCH.service_1',
            '-x',
            'a'.repeat(64),
            'HUBSPOT',
          );
    case 'serviceKey':
    case 'serviceKeys':
    case 'source':
    case 'target':
    case 'service':
    case 'targetKey':
      return both(serviceKey, 'no-such-service', 'HubSpot', '-', 'a'.repeat(64));
    case 'referenceTarget':
      return both(pick(pools.names, 'Company'), 'Nowhere');
    case 'ownerTeam':
    case 'ownerTeams':
    case 'team':
      return both(teamKey, 'no-such-team', 'PLATFORM');
    case 'profile':
    case 'basedOn':
      return both(pick(pools.profiles, 'default'), 'no-such-profile', 'Default', 'default ');
    case 'name':
    case 'entityName':
    case 'title':
      return both(
        fc.oneof(pick(pools.names, 'Name'), fc.constantFrom('Fuzz', 'crm.Fuzz', 'addresses[].city', 'a.b')),
        'a..b',
        '.',
        '[]',
        'x'.repeat(201),
      );
    case 'unifiedEntity':
      return both(pick(pools.unifiedEntityNames, 'crm.Account'), 'crm.', 'CRM.ACCOUNT');
    case 'currency':
    case 'baseCurrency':
      return both(fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'CHF'), 'eur', 'XXX', 'EURO', '€');
    case 'amount':
      return both(
        fc.constantFrom('100.00', '0', '999999999999.99', '12000.5'),
        '-5',
        '1e3',
        '0.001',
        '12,50',
        '1000000000000.00',
      );
    case 'url':
      return both(
        fc.constantFrom('https://example.com/docs', 'http://localhost:8080/x'),
        'javascript:alert(1)',
        'not a url',
        'https://',
      );
    case 'content': {
      const kind =
        context === 'importUnifiedSchema' ? 'unified' : context === 'CatalogFileInput' ? 'catalog' : 'schema';
      const good = pick(pools.contents[kind], '{}');
      return { good, odd: brokenDocument(good) };
    }
    case 'path':
      return both(
        pick(pools.catalogPaths, 'estate.yaml'),
        '../up.yaml',
        '/abs/estate.yaml',
        'a\\b.yaml',
        '',
        'schemas/../../x',
      );
    case 'fileName':
      return both(fc.constantFrom('crm.yaml', 'billing.json', 'shop.sql', 'fields.csv'), '', '.', 'x'.repeat(300));
    case 'after':
      return both(pick(pools.cursors, 'x'), '', 'eyJ4IjoxfQ', 'WyJOQU1FX0FTQyIsbnVsbF0', '!!!');
    case 'search':
      return both(
        fc.constantFrom('crm', 'sales ledger', 'acc', 'customer data', 'é'),
        'a & b',
        "o'neil",
        ':*',
        '!',
        '(',
        '%_',
        'the',
      );
    case 'expression':
      return both(
        fc.constantFrom('value * 100', 'value'),
        'value + ',
        'upper(value)',
        '__proto__',
        'process.exit(1)',
        'value'.repeat(50),
      );
    case 'separator':
      return both(fc.constantFrom(' ', ','), '');
    case 'format':
      return both(fc.constantFrom('dd/MM/yyyy', 'yyyy-MM-dd'), '%Y', '');
    case 'fromUnit':
    case 'toUnit':
      return both(fc.constantFrom('cents', 'kg', 'ms', 'kib', 'g', 's'), 'parsecs', '');
    case 'startDate':
      return both(fc.constantFrom('2027-01-01', '2026-12-31'), '2027-02-30', '0001-01-01', '9999-12-31', 'soon');
    case 'action':
      return both(fc.constantFrom('service.update', 'service.create', 'token.revoke'), 'nope');
    case 'targetType':
      return both(fc.constantFrom('service', 'team', 'integration', 'token', 'mapping'), 'nope');
    case 'actor':
      return both(fc.constantFrom('admin', 'estate admin'), 'nobody');
    case 'contactEmail':
      return both(fc.constant('team@example.com'), 'not-an-email', 'a@b');
    case 'sourceType':
      return both(
        fc.constantFrom('varchar(255)', 'integer', 'timestamp with time zone', 'string', 'jsonb'),
        '',
        'varchar(-1)',
      );
    default:
      return both(fc.constantFrom('crm', 'Acme', 'sales', 'A description.', 'fuzz', 'Customer'), '', ' ');
  }
}

function validInt(hint: string): fc.Arbitrary<number> {
  switch (hint) {
    case 'first':
      return fc.integer({ min: 1, max: 100 });
    case 'maxDepth':
      return fc.integer({ min: 1, max: 10 });
    case 'expectedVersion':
    case 'profileVersion':
      // The seeded services and the saved profile are at version 1.
      return fc.constantFrom(0, 1, 1, 1, 2);
    case 'version':
    case 'wave':
    case 'part':
      return fc.integer({ min: 0, max: 4 });
    default:
      return fc.integer({ min: 1, max: 50 });
  }
}

function validFloat(hint: string): fc.Arbitrary<number> {
  switch (hint) {
    case 'minConfidence':
    case 'confidence':
      return fc.constantFrom(0, 0.25, 0.5, 0.9, 1);
    case 'rate':
      return fc.constantFrom(0.5, 1, 1.1, 150);
    case 'weight':
      return fc.constantFrom(0, 1, 10, 1000);
    default:
      return fc.constantFrom(0, 1, 10, 50, 99.5, 100, 1000);
  }
}

/** Documents an importer reads at its peril: truncated, spliced, bombs and deep nesting. */
function brokenDocument(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const deep = fc.integer({ min: 100, max: 100_000 });
  return fc.oneof(
    fc.tuple(base, fc.nat()).map(([text, at]) => text.slice(0, at % (text.length + 1))),
    fc.tuple(base, fc.nat(), hostileString).map(([text, at, inserted]) => {
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + inserted + text.slice(cut);
    }),
    deep.map((n) => '['.repeat(n) + ']'.repeat(n)),
    deep.map((n) => '{"entities":' + '{"a":'.repeat(n) + '1' + '}'.repeat(n) + '}'),
    deep.map(
      (n) => 'entities:\n' + Array.from({ length: Math.min(n, 3000) }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n'),
    ),
    deep.map((n) => 'entities: ' + '['.repeat(n) + ']'.repeat(n)),
    deep.map(
      (n) =>
        `{"$schema":"http://json-schema.org/draft-07/schema#","title":"Deep","type":"object","properties":` +
        '{"a":{"type":"object","properties":'.repeat(Math.min(n, 5000)) +
        '{}' +
        '}}'.repeat(Math.min(n, 5000)) +
        '}',
    ),
    deep.map((n) => `CREATE TABLE t (id int CHECK (${'('.repeat(n)}1${')'.repeat(n)} > 0));`),
    fc.constant(BILLION_LAUGHS),
    fc.constant(SELF_REFERENCING_OPENAPI),
    fc.constant('{"$ref":"#"}'),
    fc.constant(`entity,field,type\n${'e,f,STRING\n'.repeat(20_000)}`),
    fc.constant(`${Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',')}\n`),
    fc.constantFrom(
      '',
      '---',
      '\uFEFF{}',
      'null',
      '[]',
      '42',
      '"x"',
      '~',
      '!!binary AAAA',
      '%YAML 9.9\n---\n{}',
      'a: !!js/function "() => 1"',
    ),
  );
}

/** Aliases of aliases: 9^8 strings if anything expands it. */
const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'entities: *h',
].join('\n');

const SELF_REFERENCING_OPENAPI = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'Loop', version: '1' },
  paths: {},
  components: {
    schemas: {
      Node: { type: 'object', properties: { id: { type: 'string' }, next: { $ref: '#/components/schemas/Node' } } },
      A: { $ref: '#/components/schemas/B' },
      B: { $ref: '#/components/schemas/A' },
      C: { allOf: [{ $ref: '#/components/schemas/C' }] },
    },
  },
});

// ---------------------------------------------------------------------------------------------
// Values by GraphQL input type

/** Anything but what was asked for. */
const wrongValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  hostileString.map(str),
  fc.constantFrom(...WRONG_NUMBERS).map(num),
  fc.boolean().map((value): FuzzValue => ({ kind: 'boolean', value })),
  fc.constant<FuzzValue>({ kind: 'object', fields: [['unexpected', str('x')]] }),
  fc.constant<FuzzValue>({ kind: 'list', items: [str('x'), num('1')] }),
  fc.constant(NULL),
  fc
    .tuple(fc.constantFrom<'list' | 'object'>('list', 'object'), fc.integer({ min: 2, max: 200_000 }))
    .map(([shape, depth]): FuzzValue => ({ kind: 'nested', shape, depth })),
);

/** Where a value goes: the argument or input field `name` of `context` (a root field or an input type). */
export interface Slot {
  name: string;
  context: string;
}

export class ValueArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<FuzzValue>>();

  constructor(private readonly pools: FuzzPools) {}

  /** A value of `type` for `slot`. */
  of(type: GraphQLInputType, slot: Slot, mode: FuzzMode): fc.Arbitrary<FuzzValue> {
    const id = `${type.toString()}|${slot.context}.${slot.name}|${mode}`;
    let arbitrary = this.cache.get(id);
    if (!arbitrary) {
      arbitrary = this.build(type, slot, mode);
      if (mode === 'wrong') arbitrary = fc.oneof({ weight: 12, arbitrary }, { weight: 1, arbitrary: wrongValue });
      this.cache.set(id, arbitrary);
    }
    return arbitrary;
  }

  private build(type: GraphQLInputType, slot: Slot, mode: FuzzMode): fc.Arbitrary<FuzzValue> {
    if (isNonNullType(type)) {
      const inner = this.of(type.ofType, slot, mode);
      return mode === 'wrong'
        ? fc.oneof({ weight: 15, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(NULL) })
        : inner;
    }
    const nullable = (arbitrary: fc.Arbitrary<FuzzValue>) =>
      mode === 'valid' ? arbitrary : fc.oneof({ weight: 10, arbitrary }, { weight: 1, arbitrary: fc.constant(NULL) });
    if (isListType(type)) {
      const item = this.of(type.ofType, slot, mode);
      const lists: fc.WeightedArbitrary<FuzzValue>[] = [
        {
          weight: 10,
          arbitrary: fc
            .array(item, { minLength: 1, maxLength: 3 })
            .map((items): FuzzValue => ({ kind: 'list', items })),
        },
        { weight: 1, arbitrary: fc.constant<FuzzValue>({ kind: 'list', items: [] }) },
        // GraphQL coerces a single value to a list of one.
        { weight: 1, arbitrary: item },
      ];
      if (mode !== 'valid') {
        // Past the bounds of the lists (100, 1000, 20 000), but a few MiB at most: the body limit is another matter.
        const bigList = fc
          .tuple(this.of(type.ofType, slot, 'valid'), fc.constantFrom(101, 1001, 20_001))
          .map(([value, length]): FuzzValue => {
            const fitting = Math.max(101, Math.floor(MAX_BIG_LIST_BYTES / toJson(value).length));
            return { kind: 'list', items: Array<FuzzValue>(Math.min(length, fitting)).fill(value) };
          });
        lists.push({ weight: 1, arbitrary: bigList });
      }
      return nullable(fc.oneof(...lists));
    }
    if (isInputObjectType(type)) return nullable(this.inputObject(type, mode));
    return nullable(this.leaf(getNamedType(type), slot, mode));
  }

  /**
   * An input object: generated field by field, or (for the types that have them) a known-good
   * template; in hostile mode also a template with one field made hostile, which reaches the
   * code behind validation with one bad value.
   */
  private inputObject(type: GraphQLInputObjectType, mode: FuzzMode): fc.Arbitrary<FuzzValue> {
    const fields = Object.values(type.getFields());
    const generated = fc
      .tuple(
        fc.tuple(
          ...fields.map((field) => {
            const value = this.of(field.type, { name: field.name, context: type.name }, mode);
            const required = isNonNullType(field.type) && field.defaultValue === undefined;
            const presence = required
              ? mode === 'wrong'
                ? fc.option(value, { freq: 20, nil: undefined })
                : value
              : fc.option(value, { freq: 2, nil: undefined });
            return presence.map((present) =>
              present === undefined ? null : ([field.name, present] as [string, FuzzValue]),
            );
          }),
        ),
        mode === 'wrong'
          ? fc.option(
              fc.constantFrom<[string, FuzzValue]>(
                ['unknownField', str('x')],
                ['__proto__', str('x')],
                ['constructor', NULL],
              ),
              { freq: 10, nil: null },
            )
          : fc.constant(null),
      )
      .map(([present, unknown]): FuzzValue => ({
        kind: 'object',
        fields: [...present, unknown].filter((entry): entry is [string, FuzzValue] => entry !== null),
      }));
    const templates = (this.pools.templates[type.name] ?? []).map((plain) => fromPlain(plain, type));
    if (templates.length === 0 || mode === 'wrong') return generated;
    const template = fc.constantFrom(...templates);
    if (mode === 'valid') return fc.oneof({ weight: 1, arbitrary: generated }, { weight: 3, arbitrary: template });
    const oneHostileField = fc.tuple(template, fc.constantFrom(...fields)).chain(([base, field]) =>
      this.of(field.type, { name: field.name, context: type.name }, 'hostile').map((value): FuzzValue => {
        const others = base.kind === 'object' ? base.fields.filter(([name]) => name !== field.name) : [];
        return { kind: 'object', fields: [...others, [field.name, value]] };
      }),
    );
    return fc.oneof({ weight: 1, arbitrary: generated }, { weight: 3, arbitrary: oneHostileField });
  }

  private leaf(type: GraphQLNamedType, slot: Slot, mode: FuzzMode): fc.Arbitrary<FuzzValue> {
    if (isEnumType(type)) {
      const values = fc
        .constantFrom(...type.getValues().map((value) => value.name))
        .map((value): FuzzValue => ({ kind: 'enum', value }));
      if (mode === 'valid') return values;
      return fc.oneof(
        { weight: 8, arbitrary: values },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('NOPE', 'active', 'Active', '__typename')
            .map((value): FuzzValue => ({ kind: 'enum', value })),
        },
      );
    }
    const strings = plausibleString(slot.name, slot.context, this.pools);
    // Ids of the kind the slot takes (an entity mapping's id is a String).
    const ids = type.name === 'ID' || idTable(slot) ? this.ids(slot) : undefined;
    const valid = this.validScalar(type.name, slot, ids ?? strings.good);
    if (mode === 'valid') return valid;
    const hostile = this.hostileScalar(type.name, strings.odd);
    const wrong =
      mode === 'wrong' && ['Int', 'Float'].includes(type.name)
        ? [{ weight: 2, arbitrary: fc.constantFrom(...WRONG_NUMBERS).map(num) }]
        : [];
    return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: hostile }, ...wrong);
  }

  private validScalar(scalar: string, slot: Slot, good: fc.Arbitrary<string>): fc.Arbitrary<FuzzValue> {
    switch (scalar) {
      case 'Int':
        return validInt(slot.name).map((value) => num(String(value)));
      case 'Float':
        return validFloat(slot.name).map((value) => num(String(value)));
      case 'Boolean':
        return fc.boolean().map((value): FuzzValue => ({ kind: 'boolean', value }));
      case 'Date':
        return fc.constantFrom('2027-06-30', '2026-01-01', '2000-02-29').map(str);
      case 'DateTime':
        return fc
          .constantFrom('2027-06-30T00:00:00Z', '2020-01-01T12:00:00.000Z', '2030-12-31T23:59:59+02:00')
          .map(str);
      default:
        // String and ID: `good` holds ids for the slots that take them.
        return good.map(str);
    }
  }

  /** Ids of the kind the slot takes (any id when it is not known). */
  private ids(slot: Slot): fc.Arbitrary<string> {
    const table = idTable(slot);
    const ids = table ? this.pools.ids[table] : Object.values(this.pools.ids).flat();
    return pick(ids ?? [], '00000000-0000-0000-0000-000000000000');
  }

  private hostileScalar(scalar: string, odd: fc.Arbitrary<string>): fc.Arbitrary<FuzzValue> {
    switch (scalar) {
      case 'Int':
        return hostileInt.map((value) => num(numberText(value)));
      case 'Float':
        return hostileFloat.map((value) => num(numberText(value)));
      case 'Boolean':
        return fc.boolean().map((value): FuzzValue => ({ kind: 'boolean', value }));
      case 'ID':
        // ID also accepts integers.
        return fc.oneof(
          hostileString.map(str),
          hostileInt.map((value) => num(String(value))),
          fc.uuid().map(str),
          fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '1').map(str),
        );
      case 'Date':
      case 'DateTime':
        return fc
          .oneof(
            hostileString,
            fc.constantFrom(
              '2027-02-30',
              '0000-01-01',
              '+275760-09-13T00:00:00Z',
              '-271821-04-20T00:00:00Z',
              '9999-12-31T23:59:60Z',
              '1970-01-01',
              '2027-06-30T25:00:00Z',
              '2027-06-30 12:00',
            ),
          )
          .map(str);
      default:
        return fc.oneof({ weight: 2, arbitrary: odd }, { weight: 3, arbitrary: hostileString }).map(str);
    }
  }
}

/** The table whose ids an ID argument or input field takes, by its name and where it is. */
function idTable({ name, context }: Slot): string | undefined {
  if (name === 'dataFieldId' || name === 'sourceFieldIds') return 'data_field';
  if (name === 'unifiedFieldId') return 'unified_field';
  if (name === 'importId') return 'import';
  if (name !== 'id') return undefined;
  if (/Integration$/.test(context)) return 'integration';
  if (/UnifiedEntity$/.test(context) || context === 'unifiedEntity') return 'unified_entity';
  if (/UnifiedField$/.test(context)) return 'unified_field';
  if (/EntityMapping$/.test(context)) return 'entity_mapping';
  if (/Mapping$/.test(context)) return 'field_mapping';
  if (/[mM]igrationPlan$/.test(context)) return 'migration_plan';
  if (/ApiToken$/.test(context)) return 'api_token';
  if (context === 'dataEntity') return 'data_entity';
  return undefined;
}

/** A plain JSON-like value as a FuzzValue of `type`: strings of enum types become enum values. */
export function fromPlain(plain: unknown, type: GraphQLInputType): FuzzValue {
  if (plain === null || plain === undefined) return NULL;
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (isListType(nullable)) {
    return {
      kind: 'list',
      items: (Array.isArray(plain) ? plain : [plain]).map((item) => fromPlain(item, nullable.ofType)),
    };
  }
  if (isInputObjectType(nullable) && typeof plain === 'object') {
    const fields = nullable.getFields();
    return {
      kind: 'object',
      fields: Object.entries(plain as Record<string, unknown>)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [name, fields[name] ? fromPlain(value, fields[name].type) : NULL]),
    };
  }
  if (isEnumType(nullable) && typeof plain === 'string') return { kind: 'enum', value: plain };
  if (typeof plain === 'string') return str(plain);
  if (typeof plain === 'number') return num(numberText(plain));
  if (typeof plain === 'boolean') return { kind: 'boolean', value: plain };
  throw new Error(`no FuzzValue for ${JSON.stringify(plain)}`);
}
