import { decodeCursor, encodeCursor } from './cursor';
import { DomainError, ErrorCode } from './errors';

describe('cursor', () => {
  it.each([
    { order: 'NAME_ASC', value: 'salesforce', id: 'a1' },
    { order: 'UPDATED_AT_DESC', value: '2026-11-22 01:58:36.123456+00', id: 'b2' },
    { order: 'ANNUAL_COST_ASC', value: null, id: 'c3' },
  ])('round-trips $order', (cursor) => {
    expect(decodeCursor(encodeCursor(cursor), cursor.order)).toEqual(cursor);
  });

  it.each([
    '',
    'not base64 !',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2,3]').toString('base64url'),
  ])('rejects garbage %p with BAD_USER_INPUT on the argument path', (raw) => {
    const attempt = () => decodeCursor(raw, 'NAME_ASC');
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as DomainError).details.path).toBe('after');
    }
  });

  it('rejects a cursor made for another ordering', () => {
    const raw = encodeCursor({ order: 'NAME_ASC', value: 'x', id: '1' });
    expect(() => decodeCursor(raw, 'NAME_DESC')).toThrow(/made for ordering NAME_ASC/);
  });
});
