import { enumMember } from './enums';

enum Colour {
  RED = 'RED',
  GREEN = 'GREEN',
}

describe('enumMember', () => {
  it('returns the member with that value, or undefined', () => {
    expect(enumMember(Colour, 'GREEN')).toBe(Colour.GREEN);
    expect(enumMember(Colour, 'green')).toBeUndefined();
    expect(enumMember(Colour, 'BLUE')).toBeUndefined();
  });
});
