import fc from 'fast-check';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLOutputType,
} from 'graphql';
import { toJson, toLiteral, type FuzzMode, type FuzzValue, type ValueArbitraries } from './fuzz-values';

/** One generated GraphQL request, to one root field; its toString is what fast-check prints for a failure. */
export interface FuzzRequest {
  operation: 'query' | 'mutation';
  field: string;
  query: string;
  /** The JSON text of `variables`, written by hand so that raw numbers survive. */
  variables: string;
  /** A dryRun argument was sent as true: the mutation must change nothing even when it succeeds. */
  dryRun: boolean;
  /** Who sends it: mostly the admin, who may do anything; sometimes an editor of one team or a viewer. */
  caller: FuzzCaller;
  [fc.toStringMethod](): string;
}

export type FuzzCaller = 'admin' | 'editor' | 'viewer';

const callerArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<FuzzCaller>('admin') },
  { weight: 1, arbitrary: fc.constant<FuzzCaller>('editor') },
  { weight: 1, arbitrary: fc.constant<FuzzCaller>('viewer') },
);

export interface FuzzArgument {
  name: string;
  /** The declared type of the variable (sometimes a wrong one). */
  type: string;
  value: FuzzValue;
  as: 'variable' | 'literal';
}

function argumentsArb(
  field: string,
  args: readonly GraphQLArgument[],
  values: ValueArbitraries,
  mode: FuzzMode,
  literalOnly: boolean,
): fc.Arbitrary<FuzzArgument[]> {
  const each = args.map((arg) => {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const declared =
      mode === 'wrong'
        ? fc.oneof(
            { weight: 20, arbitrary: fc.constant(arg.type.toString()) },
            { weight: 1, arbitrary: fc.constantFrom('String', 'Int!', '[String]') },
          )
        : fc.constant(arg.type.toString());
    const argument = fc
      .record({
        value: values.of(arg.type, { name: arg.name, context: field }, mode),
        as: literalOnly
          ? fc.constant<'literal'>('literal')
          : fc.constantFrom<'variable' | 'literal'>('variable', 'literal'),
        type: declared,
      })
      .map((a): FuzzArgument => ({ name: arg.name, ...a }));
    const leftOutFreq = required ? (mode === 'wrong' ? 25 : 0) : 3;
    return leftOutFreq === 0 ? argument : fc.option(argument, { freq: leftOutFreq, nil: null });
  });
  return fc.tuple(...each).map((list) => list.filter((a): a is FuzzArgument => a !== null));
}

function callArguments(args: FuzzArgument[]): string {
  const inline = args.map((a) => `${a.name}: ${a.as === 'variable' ? `$${a.name}` : toLiteral(a.value)}`);
  return inline.length > 0 ? `(${inline.join(', ')})` : '';
}

export class SelectionArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<string>>();

  constructor(private readonly values: ValueArbitraries) {}

  /**
   * A selection set for `type`, `depth` object levels deep: some of its leaves, some of its
   * object fields (their arguments generated too). Empty for a leaf type.
   */
  of(type: GraphQLOutputType, depth: number, allLeaves = false): fc.Arbitrary<string> {
    const named = getNamedType(type);
    if (isLeafType(named)) return fc.constant('');
    if (!isObjectType(named)) return fc.constant('__typename');
    const id = `${named.name}|${depth}|${allLeaves}`;
    let arbitrary = this.cache.get(id);
    if (!arbitrary) {
      arbitrary = this.build(Object.values(named.getFields()), depth, allLeaves);
      this.cache.set(id, arbitrary);
    }
    return arbitrary;
  }

  private build(fields: GraphQLField<unknown, unknown>[], depth: number, allLeaves: boolean): fc.Arbitrary<string> {
    const plainLeaves = fields
      .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
      .map((f) => f.name);
    const others = fields.filter((f) => !plainLeaves.includes(f.name));
    const leaves = allLeaves
      ? fc.constant(plainLeaves)
      : fc.subarray(plainLeaves, { minLength: Math.min(1, plainLeaves.length) });
    const nested =
      depth <= 0
        ? others.filter((f) => isLeafType(getNamedType(f.type)))
        : others.filter(
            (f) =>
              f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined) ||
              isLeafType(getNamedType(f.type)),
          );
    const chosen = nested.map((field) =>
      fc
        .option(this.field(field, depth - 1), { freq: Math.max(2, Math.ceil(nested.length / 2)), nil: null })
        .map((s) => s ?? ''),
    );
    return fc
      .tuple(leaves, fc.tuple(...chosen))
      .map(([names, parts]) => ['__typename', ...names, ...parts.filter(Boolean)].join(' '));
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
    const args = argumentsArb(field.name, field.args, this.values, 'hostile', true);
    const validArgs = argumentsArb(field.name, field.args, this.values, 'valid', true);
    const selection = this.of(field.type, depth);
    return fc
      .tuple(fc.oneof({ weight: 3, arbitrary: validArgs }, { weight: 1, arbitrary: args }), selection)
      .map(([a, s]) => `${field.name}${callArguments(a)}${s ? ` { ${s} }` : ''}`);
  }
}

/** A request calling one root field of the schema with generated arguments and selection. */
export function requestArb(
  operation: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  values: ValueArbitraries,
  selections: SelectionArbitraries,
): fc.Arbitrary<FuzzRequest> {
  const modes: fc.WeightedArbitrary<FuzzArgument[]>[] = [
    { weight: 3, arbitrary: argumentsArb(field.name, field.args, values, 'valid', false) },
    { weight: 4, arbitrary: argumentsArb(field.name, field.args, values, 'hostile', false) },
    { weight: 2, arbitrary: argumentsArb(field.name, field.args, values, 'wrong', false) },
  ];
  return fc
    .tuple(fc.oneof(...modes), selections.of(field.type, 3, true), callerArb)
    .map(([args, selection, caller]) => buildRequest(operation, field.name, args, selection, caller));
}

export function buildRequest(
  operation: 'query' | 'mutation',
  field: string,
  args: FuzzArgument[],
  selection: string,
  caller: FuzzCaller = 'admin',
): FuzzRequest {
  const variables = args.filter((a) => a.as === 'variable');
  const definitions = variables.length > 0 ? `(${variables.map((a) => `$${a.name}: ${a.type}`).join(', ')})` : '';
  const query = `${operation} Fuzz${definitions} { ${field}${callArguments(args)}${selection ? ` { ${selection} }` : ''} }`;
  const variablesJson = `{${variables.map((a) => `${JSON.stringify(a.name)}:${toJson(a.value)}`).join(',')}}`;
  const dryRun = args.some((a) => a.name === 'dryRun' && a.value.kind === 'boolean' && a.value.value);
  return rawRequest(operation, field, query, variablesJson, dryRun, caller);
}

/** A request written by hand; `variables` is JSON text. */
export function rawRequest(
  operation: 'query' | 'mutation',
  field: string,
  query: string,
  variables = '{}',
  dryRun = false,
  caller: FuzzCaller = 'admin',
): FuzzRequest {
  return {
    operation,
    field,
    query,
    variables,
    dryRun,
    caller,
    [fc.toStringMethod]: () =>
      `${operation} ${field} as ${caller}\n  query: ${clip(query)}\n  variables: ${clip(variables)}`,
  };
}

export function clip(text: string, max = 1500): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
