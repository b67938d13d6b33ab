import { withLocations } from './pointer-locations';

describe('withLocations', () => {
  const json = ['{', '  "a": {', '    "b/c": [', '      1,', '      {"d": null}', '    ]', '  }', '}'].join('\n');
  const yaml = ['a:', '  b/c:', '    - 1', '    - d:', "    - 'quoted'"].join('\n');

  it.each([
    ['JSON', json, '/a/b~1c/1/d', { line: 5, column: 13 }],
    ['JSON, a missing key at its nearest ancestor', json, '/a/b~1c/1/e', { line: 5, column: 7 }],
    ['JSON, the root', json, '', { line: 1, column: 1 }],
    ['YAML, a key without a value', yaml, '/a/b~1c/1/d', { line: 4, column: 7 }],
    ['YAML, a quoted scalar at its opening quote', yaml, '/a/b~1c/2', { line: 5, column: 7 }],
    ['YAML, an index past the end at the list', yaml, '/a/b~1c/7', { line: 3, column: 5 }],
  ])('locates a pointer in %s', (_case, text, pointer, location) => {
    expect(withLocations(text, [{ pointer, message: 'x' }])).toEqual([{ pointer, message: 'x', ...location }]);
  });

  it('leaves messages that have a line, or no pointer, as they are; and all of them when the text cannot be read', () => {
    const located = { pointer: '/a', line: 9, column: 9, message: 'kept' };
    const plain = { message: 'no pointer' };
    expect(withLocations(json, [located, plain])).toEqual([located, plain]);
    expect(withLocations('{"a": [', [{ pointer: '/a', message: 'x' }])).toEqual([{ pointer: '/a', message: 'x' }]);
  });
});
