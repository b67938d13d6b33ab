import { bearerToken, displayPrefix, generateTokenSecret, hashTokenSecret, sameSecret } from './token-secret';

describe('token secrets', () => {
  it('are random, prefixed and hashed to 64 hex digits', () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a).toMatch(/^est_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashTokenSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret(a)).not.toBe(hashTokenSecret(b));
    expect(displayPrefix(a)).toHaveLength(10);
  });

  it('compare by value', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it.each([
    [undefined, { kind: 'absent' }],
    ['', { kind: 'absent' }],
    ['Bearer est_abc', { kind: 'token', secret: 'est_abc' }],
    ['bearer   est_abc  ', { kind: 'token', secret: 'est_abc' }],
    ['Basic dXNlcg==', { kind: 'malformed' }],
    ['Bearer', { kind: 'malformed' }],
    ['Bearer a b', { kind: 'malformed' }],
  ])('reads the Authorization header %p', (header, expected) => {
    expect(bearerToken(header)).toEqual(expected);
  });
});
