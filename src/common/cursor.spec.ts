import { decodeCursor, encodeCursor } from './cursor';
import { DomainError, ErrorCode } from './errors';

describe('cursor', () => {
  const id = '5f0c6a43-7a51-4a07-9d0e-2d6bb0f3c1aa';

  it.each([
    [{ order: 'NAME_ASC', value: 'salesforce', id }, 'text'],
    [{ order: 'UPDATED_AT_DESC', value: '2026-11-22 01:58:36.123456+00', id }, 'timestamptz'],
    [{ order: 'ANNUAL_COST_ASC', value: '1000000000000000', id }, 'numeric'],
    [{ order: 'ANNUAL_COST_DESC', value: '-1', id }, 'numeric'],
    [{ order: 'RELEVANCE_DESC', value: '0.607927', id }, 'numeric'],
  ] as const)('round-trips %p', (cursor, type) => {
    expect(decodeCursor(encodeCursor(cursor), cursor.order, type)).toEqual(cursor);
  });

  it.each([
    [{ order: 'NAME_ASC', value: 'a', id: 'not-a-uuid' }, 'text'],
    [{ order: 'UPDATED_AT_ASC', value: 'soon', id }, 'timestamptz'],
    [{ order: 'ANNUAL_COST_ASC', value: '12e999', id }, 'numeric'],
    [{ order: 'NAME_ASC', value: 'a\u0000', id }, 'text'],
  ] as const)('refuses a well-formed cursor whose content would not parse: %p', (cursor, type) => {
    expect(() => decodeCursor(encodeCursor(cursor), cursor.order, type)).toThrow(/not a cursor/);
  });

  it.each([
    '',
    'not base64 !',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2,3]').toString('base64url'),
  ])('rejects garbage %p with BAD_USER_INPUT on the argument path', (raw) => {
    const attempt = () => decodeCursor(raw, 'NAME_ASC', 'text');
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as DomainError).details.path).toBe('after');
    }
  });

  it('rejects a cursor made for another ordering', () => {
    const raw = encodeCursor({ order: 'NAME_ASC', value: 'x', id });
    expect(() => decodeCursor(raw, 'NAME_DESC', 'text')).toThrow(/made for ordering NAME_ASC/);
  });
});
