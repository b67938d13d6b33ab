import { FieldType } from '../schemas/schema.types';

/** How a source value becomes the unified value. */
export enum TransformationKind {
  /** Same value, another name. */
  RENAME = 'RENAME',
  /** Another type: `fromType` → `toType`, with an optional `format` (e.g. a date pattern). */
  CAST = 'CAST',
  /** Each source enum value to a unified one: the map must cover every source value. */
  ENUM_MAP = 'ENUM_MAP',
  /** A quantity in another unit: `fromUnit` → `toUnit` of the same dimension. */
  UNIT = 'UNIT',
  /** One source field feeds several unified fields: this mapping takes `part` of the value split by `separator`. */
  SPLIT = 'SPLIT',
  /** Several source fields feed one unified field: concatenated in the order of `sourceFieldIds`, joined by `separator`. */
  MERGE = 'MERGE',
  /** Anything else, written as an expression over `value` (and other source fields by name). */
  EXPRESSION = 'EXPRESSION',
}

export interface Transformation {
  kind: TransformationKind;
  fromType?: FieldType | null;
  toType?: FieldType | null;
  format?: string | null;
  enumMap?: { from: string; to: string }[] | null;
  fromUnit?: string | null;
  toUnit?: string | null;
  separator?: string | null;
  part?: number | null;
  /** MERGE: every source field that feeds the unified field, in order (this mapping's field among them). */
  sourceFieldIds?: string[] | null;
  expression?: string | null;
}

/** The two ends of a mapping, as the transformation sees them. */
export interface TransformationEnds {
  source: { id: string; name: string; type: FieldType | null; enumValues: string[] | null };
  target: { name: string; type: FieldType | null; enumValues: string[] | null };
}

export interface TransformationProblem {
  path: string;
  message: string;
}

/**
 * Which types a value may be cast to. Text parses into anything (checked when data moves);
 * the rest only where no meaning is lost or the loss is the usual one (DATETIME → DATE).
 */
const CASTS: Record<FieldType, readonly FieldType[]> = {
  [FieldType.STRING]: Object.values(FieldType).filter((t) => t !== FieldType.BINARY),
  [FieldType.TEXT]: [FieldType.STRING, FieldType.TEXT, FieldType.JSON, FieldType.ENUM],
  [FieldType.INTEGER]: [FieldType.DECIMAL, FieldType.STRING, FieldType.TEXT, FieldType.BOOLEAN, FieldType.REFERENCE],
  [FieldType.DECIMAL]: [FieldType.INTEGER, FieldType.STRING, FieldType.TEXT],
  [FieldType.BOOLEAN]: [FieldType.STRING, FieldType.INTEGER, FieldType.ENUM],
  [FieldType.DATE]: [FieldType.DATETIME, FieldType.STRING],
  [FieldType.DATETIME]: [FieldType.DATE, FieldType.STRING],
  [FieldType.ENUM]: [FieldType.STRING, FieldType.TEXT],
  [FieldType.REFERENCE]: [FieldType.STRING, FieldType.INTEGER],
  [FieldType.JSON]: [FieldType.STRING, FieldType.TEXT],
  [FieldType.BINARY]: [FieldType.STRING],
};

/** Units by dimension; a conversion stays within one dimension. */
const UNITS: Record<string, readonly string[]> = {
  length: ['mm', 'cm', 'm', 'km', 'in', 'ft', 'yd', 'mi'],
  mass: ['mg', 'g', 'kg', 't', 'oz', 'lb'],
  duration: ['ms', 's', 'min', 'h', 'd', 'wk'],
  data: ['b', 'kb', 'mb', 'gb', 'tb', 'kib', 'mib', 'gib', 'tib'],
  money: ['minor', 'major', 'cents', 'units'],
  ratio: ['fraction', 'percent', 'basis_points'],
  temperature: ['c', 'f', 'k'],
};

const MAX_EXPRESSION = 2000;

/** Whether a value of `from` can become a value of `to` (equal types always can). */
export function canCast(from: FieldType, to: FieldType): boolean {
  return from === to || CASTS[from].includes(to);
}

/** The transformation to use when none is given: a rename, or a cast where the types differ and one is possible. */
export function defaultTransformation(ends: TransformationEnds): Transformation {
  const { source, target } = ends;
  if (source.type && target.type && source.type !== target.type && canCast(source.type, target.type))
    return { kind: TransformationKind.CAST, fromType: source.type, toType: target.type };
  return { kind: TransformationKind.RENAME };
}

/** Every reason the transformation cannot carry the source value into the unified field; empty when it can. */
export function transformationProblems(
  t: Transformation,
  ends: TransformationEnds,
  at = 'transformation',
): TransformationProblem[] {
  const problems: TransformationProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ path: `${at}.${field}`, message });
  const { source, target } = ends;
  switch (t.kind) {
    case TransformationKind.RENAME:
      if (source.type && target.type && source.type !== target.type && !compatibleAsIs(source.type, target.type))
        problem(
          'kind',
          `${source.name} is ${source.type} and ${target.name} is ${target.type}: use CAST, ENUM_MAP or EXPRESSION`,
        );
      if (source.type === FieldType.ENUM && target.type === FieldType.ENUM && target.enumValues?.length)
        enumCoverage(source.enumValues, target.enumValues, null, problem);
      break;
    case TransformationKind.CAST: {
      const from = t.fromType ?? source.type;
      const to = t.toType ?? target.type;
      if (!from) problem('fromType', 'is required: the source field has no known type');
      if (!to) problem('toType', 'is required: the unified field has no known type');
      if (t.fromType && source.type && t.fromType !== source.type)
        problem('fromType', `is ${t.fromType} but ${source.name} is ${source.type}`);
      if (t.toType && target.type && t.toType !== target.type)
        problem('toType', `is ${t.toType} but ${target.name} is ${target.type}`);
      if (from && to && !canCast(from, to)) problem('toType', `${from} cannot be cast to ${to}`);
      if (to === FieldType.ENUM && target.enumValues?.length)
        problem('kind', `casting to an enum needs ENUM_MAP onto ${target.enumValues.join(', ')}`);
      break;
    }
    case TransformationKind.ENUM_MAP: {
      if (!t.enumMap?.length) {
        problem('enumMap', 'must map at least one value');
        break;
      }
      const seen = new Set<string>();
      t.enumMap.forEach((pair, i) => {
        if (seen.has(pair.from)) problem(`enumMap[${i}].from`, `"${pair.from}" is mapped twice`);
        seen.add(pair.from);
        if (source.enumValues?.length && !source.enumValues.includes(pair.from))
          problem(`enumMap[${i}].from`, `"${pair.from}" is not a value of ${source.name}`);
        if (target.enumValues?.length && !target.enumValues.includes(pair.to))
          problem(
            `enumMap[${i}].to`,
            `"${pair.to}" is not a value of ${target.name} (${target.enumValues.join(', ')})`,
          );
      });
      enumCoverage(source.enumValues, null, t.enumMap, problem);
      break;
    }
    case TransformationKind.UNIT: {
      const from = t.fromUnit?.toLowerCase();
      const to = t.toUnit?.toLowerCase();
      const dimension = (unit: string | undefined) => Object.keys(UNITS).find((d) => unit && UNITS[d].includes(unit));
      if (!from || !dimension(from)) problem('fromUnit', `must be a known unit (${knownUnits()})`);
      if (!to || !dimension(to)) problem('toUnit', `must be a known unit (${knownUnits()})`);
      if (from && to && dimension(from) && dimension(to) && dimension(from) !== dimension(to))
        problem('toUnit', `${from} (${dimension(from)}) cannot be converted to ${to} (${dimension(to)})`);
      for (const [end, type] of [
        ['source', source.type],
        ['target', target.type],
      ] as const)
        if (type && ![FieldType.INTEGER, FieldType.DECIMAL, FieldType.STRING].includes(type))
          problem('kind', `a unit conversion needs numbers, but the ${end} is ${type}`);
      break;
    }
    case TransformationKind.SPLIT:
      if (t.part === undefined || t.part === null || !Number.isInteger(t.part) || t.part < 0)
        problem('part', 'must be the index (from 0) of the part this unified field takes');
      if (!t.separator && !t.expression) problem('separator', 'is required (or an expression that splits)');
      if (source.type && ![FieldType.STRING, FieldType.TEXT].includes(source.type))
        problem('kind', `only text can be split, but ${source.name} is ${source.type}`);
      break;
    case TransformationKind.MERGE:
      if (!t.sourceFieldIds || t.sourceFieldIds.length < 2)
        problem('sourceFieldIds', 'must list at least two source fields, in the order they are joined');
      else if (!t.sourceFieldIds.includes(source.id))
        problem('sourceFieldIds', `must include this mapping's own source field (${source.name})`);
      else if (new Set(t.sourceFieldIds).size !== t.sourceFieldIds.length)
        problem('sourceFieldIds', 'lists a field twice');
      if (target.type && ![FieldType.STRING, FieldType.TEXT, FieldType.JSON].includes(target.type) && !t.expression)
        problem('kind', `joined values are text, but ${target.name} is ${target.type}: add an expression`);
      break;
    case TransformationKind.EXPRESSION: {
      const expression = t.expression?.trim();
      if (!expression) problem('expression', 'is required');
      else if (expression.length > MAX_EXPRESSION) problem('expression', `is longer than ${MAX_EXPRESSION} characters`);
      else {
        const unbalanced = balanceProblem(expression);
        if (unbalanced) problem('expression', unbalanced);
      }
      break;
    }
  }
  return problems;
}

/** Types a plain rename may join: the same family, or anything into text/JSON. */
function compatibleAsIs(from: FieldType, to: FieldType): boolean {
  const families: FieldType[][] = [
    [FieldType.STRING, FieldType.TEXT],
    [FieldType.INTEGER, FieldType.DECIMAL],
    [FieldType.REFERENCE, FieldType.STRING, FieldType.INTEGER],
  ];
  if (to === FieldType.TEXT || to === FieldType.JSON || to === FieldType.STRING) return from !== FieldType.BINARY;
  return (
    families.some((f) => f.includes(from) && f.includes(to)) || (from === FieldType.INTEGER && to === FieldType.DECIMAL)
  );
}

function enumCoverage(
  sourceValues: string[] | null,
  targetValues: string[] | null,
  map: { from: string; to: string }[] | null,
  problem: (field: string, message: string) => void,
): void {
  if (!sourceValues?.length) return;
  const covered = new Set(map ? map.map((p) => p.from) : (targetValues ?? []));
  const missing = sourceValues.filter((v) => !covered.has(v));
  if (missing.length)
    problem(
      map ? 'enumMap' : 'kind',
      `does not map ${missing.map((v) => `"${v}"`).join(', ')}: every source value needs a unified value`,
    );
}

function balanceProblem(expression: string): string | undefined {
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) stack.push(c);
    else if (closing[c] && stack.pop() !== closing[c]) return `has an unmatched "${c}" at character ${i + 1}`;
  }
  if (quote) return `has an unterminated string`;
  if (stack.length) return `has an unclosed "${stack[stack.length - 1]}"`;
  return undefined;
}

function knownUnits(): string {
  return Object.values(UNITS).flat().join(', ');
}
