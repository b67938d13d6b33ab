import { classifyPii, nameWords } from './pii';
import { FieldType, PiiClass } from './schema.types';

describe('nameWords', () => {
  it.each([
    ['workEmail', ['work', 'email']],
    ['Mailing_Street', ['mailing', 'street']],
    ['person.legalName.givenName', ['person', 'legal', 'name', 'given', 'name']],
    ['IPAddress', ['ip', 'address']],
    ['date_of_birth', ['date', 'of', 'birth']],
  ])('%s', (name, words) => expect(nameWords(name)).toEqual(words));
});

describe('classifyPii', () => {
  it.each([
    ['Email', 'Contact', PiiClass.EMAIL],
    ['work_email_address', 'Worker', PiiClass.EMAIL],
    ['MobilePhone', 'Contact', PiiClass.PHONE],
    ['person.legalName.givenName', 'Worker', PiiClass.PERSON_NAME],
    ['LastName', 'Lead', PiiClass.PERSON_NAME],
    ['MailingStreet', 'Contact', PiiClass.POSTAL_ADDRESS],
    ['BillingPostalCode', 'Account', PiiClass.POSTAL_ADDRESS],
    ['Birthdate', 'Contact', PiiClass.BIRTH_DATE],
    ['ssn', 'Employee', PiiClass.NATIONAL_ID],
    ['iban', 'Supplier', PiiClass.BANK_ACCOUNT],
    ['last_login_ip', 'User', PiiClass.IP_ADDRESS],
    ['ip_address', 'Session', PiiClass.IP_ADDRESS],
    ['card_number', 'Payment', PiiClass.PAYMENT_CARD],
    ['Latitude', 'Visit', PiiClass.GEOLOCATION],
    ['name', 'Contact', PiiClass.PERSON_NAME],
  ])('%s of %s is %s', (name, entity, expected) => {
    expect(classifyPii({ name }, entity)?.piiClass).toBe(expected);
  });

  it.each([
    ['Name', 'Account'],
    ['AccountNumber', 'Account'],
    ['Amount', 'Opportunity'],
    ['StageName', 'Opportunity'],
    ['CreatedDate', 'Case'],
    ['Industry', 'Account'],
    ['domain', 'Company'],
  ])('%s of %s is not personal data', (name, entity) => {
    expect(classifyPii({ name }, entity)).toBeNull();
  });

  it('reads the description when the name says nothing, and gives the reason', () => {
    expect(classifyPii({ name: 'contact_1', description: 'Primary e-mail of the buyer' }, 'Order')).toEqual({
      piiClass: PiiClass.EMAIL,
      reason: 'description mentions "e-mail"',
    });
    expect(classifyPii({ name: 'WorkEmail' }, 'Worker')?.reason).toBe('name "WorkEmail" contains "email"');
  });
});

describe('classifyPii: declared types and plurals', () => {
  it('finds no personal data in a yes/no, whatever it is called', () => {
    expect(classifyPii({ name: 'HasOptedOutOfEmail', type: FieldType.BOOLEAN }, 'Contact')).toBeNull();
    expect(classifyPii({ name: 'HasOptedOutOfEmail' }, 'Contact')?.piiClass).toBe(PiiClass.EMAIL);
  });

  it('trusts a declared format or SQL type before the name', () => {
    expect(classifyPii({ name: 'contact', sourceType: 'string(email)' }, 'Ticket')).toEqual({
      piiClass: PiiClass.EMAIL,
      reason: 'declared type "string(email)"',
    });
    expect(classifyPii({ name: 'last_seen_from', sourceType: 'inet' }, 'Session')?.piiClass).toBe(PiiClass.IP_ADDRESS);
  });

  it('reads plural list names as their items', () => {
    expect(classifyPii({ name: 'emails.value' }, 'Contact')?.piiClass).toBe(PiiClass.EMAIL);
    expect(classifyPii({ name: 'addresses.city' }, 'Contact')?.piiClass).toBe(PiiClass.POSTAL_ADDRESS);
  });
});
