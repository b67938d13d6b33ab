import { diff, sameValue } from './diff';

describe('diff', () => {
  it('lists only the fields that changed, with before and after', () => {
    expect(diff({ name: 'CRM', tags: ['a'], vendor: 'X' }, { name: 'CRM', tags: ['a', 'b'], vendor: null })).toEqual({
      tags: { before: ['a'], after: ['a', 'b'] },
      vendor: { before: 'X', after: null },
    });
  });

  it('treats creation and removal as changes from and to null', () => {
    expect(diff(null, { name: 'CRM', vendor: null })).toEqual({ name: { before: null, after: 'CRM' } });
    expect(diff({ name: 'CRM' }, null)).toEqual({ name: { before: 'CRM', after: null } });
  });

  it('ignores object key order', () => {
    expect(diff({ links: [{ title: 't', url: 'u' }] }, { links: [{ url: 'u', title: 't' }] })).toEqual({});
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
  });
});
