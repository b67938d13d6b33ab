import { FieldType } from '../schemas/schema.types';
import {
  canCast,
  defaultTransformation,
  transformationProblems,
  TransformationKind as K,
  type Transformation,
  type TransformationEnds,
} from './transformation';

function ends(source: [FieldType | null, string[]?], target: [FieldType | null, string[]?]): TransformationEnds {
  return {
    source: { id: 's1', name: 'Source.status', type: source[0], enumValues: source[1] ?? null },
    target: { name: 'crm.Deal.status', type: target[0], enumValues: target[1] ?? null },
  };
}

const T = FieldType;

describe('transformationProblems', () => {
  it.each<[string, Transformation, TransformationEnds]>([
    ['rename between equal types', { kind: K.RENAME }, ends([T.STRING], [T.STRING])],
    ['rename with unknown types', { kind: K.RENAME }, ends([null], [T.DATE])],
    ['rename integer into decimal', { kind: K.RENAME }, ends([T.INTEGER], [T.DECIMAL])],
    ['cast date to datetime', { kind: K.CAST, fromType: T.DATE, toType: T.DATETIME }, ends([T.DATE], [T.DATETIME])],
    [
      'cast string to date with a format',
      { kind: K.CAST, toType: T.DATE, format: 'dd/MM/yyyy' },
      ends([T.STRING], [T.DATE]),
    ],
    [
      'complete enum map',
      {
        kind: K.ENUM_MAP,
        enumMap: [
          { from: 'open', to: 'OPEN' },
          { from: 'won', to: 'CLOSED' },
        ],
      },
      ends([T.ENUM, ['open', 'won']], [T.ENUM, ['OPEN', 'CLOSED']]),
    ],
    ['cents to major units', { kind: K.UNIT, fromUnit: 'cents', toUnit: 'major' }, ends([T.INTEGER], [T.DECIMAL])],
    ['split a full name', { kind: K.SPLIT, separator: ' ', part: 0 }, ends([T.STRING], [T.STRING])],
    ['merge two lines', { kind: K.MERGE, sourceFieldIds: ['s1', 's2'], separator: '\n' }, ends([T.STRING], [T.TEXT])],
    [
      'expression',
      { kind: K.EXPRESSION, expression: "value == 'Y' ? true : (value == 'N' ? false : null)" },
      ends([T.STRING], [T.BOOLEAN]),
    ],
  ])('accepts %s', (_what, t, e) => {
    expect(transformationProblems(t, e)).toEqual([]);
  });

  it.each<[string, Transformation, TransformationEnds, string, RegExp]>([
    ['rename across types', { kind: K.RENAME }, ends([T.BOOLEAN], [T.DATETIME]), 'transformation.kind', /use CAST/],
    [
      'cast that cannot be',
      { kind: K.CAST, toType: T.DATE },
      ends([T.BOOLEAN], [T.DATE]),
      'transformation.toType',
      /BOOLEAN cannot be cast to DATE/,
    ],
    [
      'cast from the wrong type',
      { kind: K.CAST, fromType: T.INTEGER },
      ends([T.STRING], [T.DATE]),
      'transformation.fromType',
      /is INTEGER but Source.status is STRING/,
    ],
    [
      'incomplete enum map',
      { kind: K.ENUM_MAP, enumMap: [{ from: 'open', to: 'OPEN' }] },
      ends([T.ENUM, ['open', 'won', 'lost']], [T.ENUM, ['OPEN', 'CLOSED']]),
      'transformation.enumMap',
      /does not map "won", "lost"/,
    ],
    [
      'enum map onto an unknown value',
      { kind: K.ENUM_MAP, enumMap: [{ from: 'open', to: 'PENDING' }] },
      ends([T.ENUM, ['open']], [T.ENUM, ['OPEN']]),
      'transformation.enumMap[0].to',
      /"PENDING" is not a value/,
    ],
    [
      'unit across dimensions',
      { kind: K.UNIT, fromUnit: 'kg', toUnit: 'km' },
      ends([T.DECIMAL], [T.DECIMAL]),
      'transformation.toUnit',
      /cannot be converted/,
    ],
    [
      'unknown unit',
      { kind: K.UNIT, fromUnit: 'furlong', toUnit: 'm' },
      ends([T.DECIMAL], [T.DECIMAL]),
      'transformation.fromUnit',
      /known unit/,
    ],
    [
      'split without a part',
      { kind: K.SPLIT, separator: ' ' },
      ends([T.STRING], [T.STRING]),
      'transformation.part',
      /index/,
    ],
    [
      'split of a number',
      { kind: K.SPLIT, separator: '.', part: 1 },
      ends([T.DECIMAL], [T.STRING]),
      'transformation.kind',
      /only text/,
    ],
    [
      'merge of one field',
      { kind: K.MERGE, sourceFieldIds: ['s1'] },
      ends([T.STRING], [T.STRING]),
      'transformation.sourceFieldIds',
      /at least two/,
    ],
    [
      'merge without this field',
      { kind: K.MERGE, sourceFieldIds: ['s2', 's3'] },
      ends([T.STRING], [T.STRING]),
      'transformation.sourceFieldIds',
      /own source field/,
    ],
    [
      'empty expression',
      { kind: K.EXPRESSION, expression: ' ' },
      ends([T.STRING], [T.STRING]),
      'transformation.expression',
      /required/,
    ],
    [
      'unbalanced expression',
      { kind: K.EXPRESSION, expression: 'concat(a, b' },
      ends([T.STRING], [T.STRING]),
      'transformation.expression',
      /unclosed "\("/,
    ],
  ])('refuses %s', (_what, t, e, path, message) => {
    const problems = transformationProblems(t, e);
    expect(problems).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
  });
});

describe('defaultTransformation', () => {
  it.each<[string, TransformationEnds, Transformation]>([
    ['same types: rename', ends([T.STRING], [T.STRING]), { kind: K.RENAME }],
    ['unknown type: rename', ends([null], [T.DATE]), { kind: K.RENAME }],
    ['castable: cast', ends([T.DATE], [T.DATETIME]), { kind: K.CAST, fromType: T.DATE, toType: T.DATETIME }],
  ])('%s', (_what, e, expected) => {
    expect(defaultTransformation(e)).toEqual(expected);
  });
});

describe('canCast', () => {
  it.each([
    [T.STRING, T.DATE, true],
    [T.INTEGER, T.DECIMAL, true],
    [T.BOOLEAN, T.DATE, false],
    [T.BINARY, T.INTEGER, false],
    [T.JSON, T.JSON, true],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(canCast(from, to)).toBe(expected);
  });
});
