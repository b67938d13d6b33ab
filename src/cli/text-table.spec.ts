import { KEY_PATTERN } from '../common/validators';
import { UsageError } from './usage-error';
import { parseProfileRef, PROFILE_NAME, textTable } from './text-table';

describe('parseProfileRef', () => {
  it('checks names as every other key is checked', () => {
    expect(PROFILE_NAME.source).toBe(KEY_PATTERN.source);
    expect(PROFILE_NAME.flags).toBe(KEY_PATTERN.flags);
  });

  it.each([
    ['default', { name: 'default', version: undefined }],
    ['cost-first@3', { name: 'cost-first', version: 3 }],
    ['a.b_c@0', { name: 'a.b_c', version: 0 }],
  ])('reads %s', (value, ref) => {
    expect(parseProfileRef(value)).toEqual(ref);
  });

  it.each(['', '@2', 'two words', 'x@', 'x@1.5', 'x@-1', '-leading'])('refuses "%s" as a usage error', (value) => {
    expect(() => parseProfileRef(value)).toThrow(UsageError);
  });
});

describe('textTable', () => {
  it('aligns columns under their titles and cuts the last one to the width', () => {
    const table = textTable(
      [
        { title: 'N', align: 'right' },
        { title: 'NAME', align: 'left' },
      ],
      [
        ['1', 'short'],
        ['10', 'a name far longer than the sixteen columns left'],
      ],
      20,
    );
    expect(table).toBe(' N  NAME\n 1  short\n10  a name far long…\n');
  });
});
