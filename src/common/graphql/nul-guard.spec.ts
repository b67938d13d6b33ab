import { parse } from 'graphql';
import { findNulCharacter } from './nul-guard';

describe('findNulCharacter', () => {
  const document = parse('query($input: ServiceInput) { service(key: "x") { key } }');

  it('names the variable path of the first NUL', () => {
    expect(findNulCharacter({ input: [{ key: 'a' }, { tags: ['ok', 'b\u0000d'] }] }, document)).toBe(
      '$input[1].tags[1]',
    );
  });

  it('finds a NUL inside a string literal of the query', () => {
    expect(findNulCharacter({}, parse('{ service(key: "a\\u0000b") { key } }'))).toBe('string literal at line 1');
  });

  it('walks variables nested deeper than the call stack goes', () => {
    const depth = 100_000;
    const nested = JSON.parse('['.repeat(depth) + '"a\\u0000"' + ']'.repeat(depth)) as unknown;
    expect(findNulCharacter({ deep: nested }, document)).toBe(`$deep${'[0]'.repeat(depth)}`);
    expect(
      findNulCharacter({ deep: JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) }, document),
    ).toBeNull();
  });

  it('accepts ordinary text', () => {
    expect(findNulCharacter({ input: { name: 'Zürich – ünïcode ✓' } }, document)).toBeNull();
  });
});
