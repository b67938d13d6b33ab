import { findUnifiedEntity, findUnifiedField } from './unified-names';

const entities = [
  { name: 'Customer', synonyms: ['Account', 'Company'], fields: [{ name: 'name' }, { name: 'phone' }] },
  { name: 'Contact', synonyms: ['Person'], fields: [{ name: 'email' }, { name: 'phone' }] },
  { name: 'crm.Account', synonyms: ['Company'], fields: [{ name: 'addresses[].city' }, { name: 'id' }] },
];

describe('findUnifiedField', () => {
  it.each([
    ['Contact.email', 'Contact', 'email'],
    ['contact.EMAIL', 'Contact', 'email'],
    ['  Customer.phone ', 'Customer', 'phone'],
    ['crm.Account.addresses[].city', 'crm.Account', 'addresses[].city'],
    ['email', 'Contact', 'email'],
  ])('finds %p', (name, entity, field) => {
    const found = findUnifiedField(entities, name);
    expect(found.found && [found.entity.name, found.field.name]).toEqual([entity, field]);
  });

  it('offers the fields it may have meant when a bare name is ambiguous', () => {
    expect(findUnifiedField(entities, 'phone')).toEqual({
      found: false,
      candidates: ['Customer.phone', 'Contact.phone'],
    });
  });

  it('offers fields of the same name in other entities, then fields containing it', () => {
    expect(findUnifiedField(entities, 'Customer.email')).toEqual({ found: false, candidates: ['Contact.email'] });
    expect(findUnifiedField(entities, 'Lead.city')).toEqual({
      found: false,
      candidates: ['crm.Account.addresses[].city'],
    });
    expect(findUnifiedField(entities, 'nothing.like.it')).toEqual({ found: false, candidates: [] });
  });
});

describe('findUnifiedEntity', () => {
  it('finds an entity by name or by a synonym only it has', () => {
    expect(findUnifiedEntity(entities, 'contact')?.name).toBe('Contact');
    expect(findUnifiedEntity(entities, 'person')?.name).toBe('Contact');
    expect(findUnifiedEntity(entities, 'company')).toBeNull();
    expect(findUnifiedEntity(entities, 'Invoice')).toBeNull();
  });
});
