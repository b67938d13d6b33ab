import { ApiStyle, ServiceKind } from './inventory.enums';
import { applyPatch } from './service-patch';
import type { ServiceDescription } from './service-record';
import { canonicalAmount, crossFieldProblems, normaliseTags, sameRecord, toServiceRecord } from './service-record';

const current: ServiceDescription = {
  key: 'crm',
  name: 'CRM',
  kind: ServiceKind.SAAS,
  ownerTeam: 'sales-ops',
  vendor: 'Salesforce',
  annualCost: { amount: '1000.00', currency: 'EUR' },
  tags: ['crm'],
  dataAccess: { apiStyle: ApiStyle.REST, bulkExport: true },
};

describe('applyPatch', () => {
  it('keeps fields left out and clears fields set to null', () => {
    const merged = applyPatch(current, { vendor: null, name: 'Sales Cloud' });
    expect(merged.vendor).toBeNull();
    expect(merged.name).toBe('Sales Cloud');
    expect(merged.annualCost).toEqual({ amount: '1000.00', currency: 'EUR' });
    expect(merged.ownerTeam).toBe('sales-ops');
  });

  it('merges dataAccess field by field', () => {
    const merged = applyPatch(current, { dataAccess: { bulkExport: false } });
    expect(merged.dataAccess).toEqual({ apiStyle: ApiStyle.REST, bulkExport: false });
  });

  it('clears dataAccess as a whole with null', () => {
    expect(applyPatch(current, { dataAccess: null }).dataAccess).toBeNull();
  });

  it('does not modify the current description', () => {
    applyPatch(current, { name: 'x', dataAccess: { apiStyle: ApiStyle.SOAP } });
    expect(current.name).toBe('CRM');
    expect(current.dataAccess?.apiStyle).toBe(ApiStyle.REST);
  });
});

describe('toServiceRecord', () => {
  it('normalises text, tags and money so that equivalent inputs are equal', () => {
    const a = toServiceRecord({ ...current, name: ' CRM ', description: '  ', tags: ['B', 'a', ' b '] });
    const b = toServiceRecord({ ...current, tags: ['a', 'b'], annualCost: { amount: '1000', currency: 'EUR' } });
    expect(a.description).toBeNull();
    expect(a.tags).toEqual(['a', 'b']);
    expect(sameRecord(a, b)).toBe(true);
  });

  it('treats link objects with reordered keys as the same', () => {
    const a = toServiceRecord({ ...current, links: [{ title: 'Docs', url: 'https://x.test' }] });
    const b = { ...a, links: [{ url: 'https://x.test', title: 'Docs' }] };
    expect(sameRecord(a, b)).toBe(true);
    expect(sameRecord(a, { ...a, links: [] })).toBe(false);
  });
});

describe('canonicalAmount', () => {
  it.each([
    ['0', '0.00'],
    ['1200', '1200.00'],
    ['1200.5', '1200.50'],
    ['001200.05', '1200.05'],
    ['999999999999.99', '999999999999.99'],
  ])('%s → %s', (input, expected) => expect(canonicalAmount(input)).toBe(expected));
});

describe('normaliseTags', () => {
  it('trims, lower-cases, removes blanks and duplicates, sorts', () => {
    expect(normaliseTags([' CRM', 'crm', '', 'Sales '])).toEqual(['crm', 'sales']);
  });
});

describe('crossFieldProblems', () => {
  it('flags a spec format on a service said to have no machine-readable spec', () => {
    expect(
      crossFieldProblems({ ...current, dataAccess: { machineReadableSpec: false, specFormat: 'OPENAPI' } }, 'input'),
    ).toEqual([
      { path: 'input.dataAccess.specFormat', message: 'specFormat is given but machineReadableSpec is false' },
    ]);
  });

  it('accepts a consistent profile', () => {
    expect(crossFieldProblems(current, '')).toEqual([]);
  });
});
