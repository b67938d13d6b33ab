import { SqlParams } from '../database/sql-params';
import { containsPattern, serviceFilterConditions, toPrefixTsQuery } from './service-query';

describe('toPrefixTsQuery', () => {
  it.each([
    ['sales cloud', 'sales:* & cloud:*'],
    ['  Workday  HCM ', 'workday:* & hcm:*'],
    ["o'reilly & (x | !y)", 'o:* & reilly:* & x:* & y:*'],
    ['café über', 'café:* & über:*'],
    ['crm crm CRM', 'crm:*'],
    ['!!! ***', null],
  ])('%p → %p', (search, expected) => {
    expect(toPrefixTsQuery(search)).toBe(expected);
  });

  it('keeps at most eight words', () => {
    expect(toPrefixTsQuery('a b c d e f g h i j')?.split(' & ')).toHaveLength(8);
  });
});

describe('containsPattern', () => {
  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('serviceFilterConditions', () => {
  it('hides deleted services unless asked, and binds every value as a parameter', () => {
    const params = new SqlParams();
    const where = serviceFilterConditions({ kinds: ['SAAS'], tags: [' CRM '], vendors: ['Salesforce'] }, params);
    expect(where[0]).toBe('s.deleted_at IS NULL');
    expect(where.join(' ')).not.toMatch(/SAAS|crm|salesforce/i);
    expect(params.values).toEqual([['SAAS'], ['salesforce'], ['crm']]);
  });

  it('includes deleted services on request', () => {
    expect(serviceFilterConditions({ includeDeleted: true }, new SqlParams())).toEqual([]);
  });

  it('search matches words and substrings; a search of punctuation only still matches substrings', () => {
    const params = new SqlParams();
    const [condition] = serviceFilterConditions({ search: 'c++', includeDeleted: true }, params);
    expect(condition).toContain('ILIKE');
    expect(params.values).toEqual(['%c++%', 'c:*']);
  });
});
