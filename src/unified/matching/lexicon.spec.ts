import { sharedLexicon } from './lexicon-instance';

const lexicon = sharedLexicon();
const words = (name: string) => lexicon.tokens(name).map((t) => t.word);

describe('Lexicon.tokens', () => {
  it.each([
    ['camelCase', 'createdAt', ['create', 'at']],
    ['PascalCase with acronym', 'HTTPStatusCode', ['http', 'status', 'code']],
    ['snake_case plural', 'email_addresses', ['email']],
    ['dotted path', 'relationships.owner.data.id', ['relationship', 'owner', 'data', 'id']],
    ['list marker', 'addresses[].street_1', ['address', 'street', 'street#1']],
    ['Salesforce custom suffix', 'Region__c', ['region']],
    ['HubSpot prefix', 'hs_lead_status', ['lead', 'status']],
    ['custom-field prefix', 'cf_department', ['department']],
    ['Dynamics lookup value', '_ownerid_value', ['owner', 'id']],
    ['run-together words', 'numberofemployees', ['count', 'of', 'employee']],
    ['run-together with a number', 'address1_line2', ['address', 'address#1', 'line', 'line#2']],
    ['abbreviation', 'dob', ['birth', 'date']],
    ['abbreviation', 'qty', ['quantity']],
    ['vendor stamp', 'SystemModstamp', ['system', 'modify', 'timestamp']],
    ['geocoder wording', 'address_admin_area_level_1', ['address', 'state']],
  ])('%s: %s', (_what, name, expected) => {
    expect(words(name)).toEqual(expected);
  });

  it('weighs down the words of the entity a field belongs to, unless they are all it says', () => {
    const context = new Set(['opportunity']);
    const [opportunity, id] = lexicon.tokens('opportunityid', context);
    expect(opportunity.weight).toBeLessThan(id.weight);
    expect(lexicon.tokens('opportunity', context)[0].weight).toBe(1);
  });
});

describe('Lexicon.match', () => {
  it.each([
    ['employee', 'employee', 'same'],
    ['employee', 'worker', 'glossary'],
    ['organisation', 'organization', 'glossary'],
    ['telephone', 'phone', 'glossary'],
    ['automobile', 'car', 'wordnet'],
    ['colour', 'color', 'wordnet'],
    ['prdct', 'product', 'abbreviation'],
    ['recieve', 'receive', 'spelling'],
    ['status', 'state', 'related'],
    ['street#1', 'street#1', 'same'],
    ['line#2', 'street#2', 'glossary'],
  ])('%s ~ %s: %s', (a, b, relation) => {
    expect(lexicon.match(a, b)?.relation).toBe(relation);
  });

  it.each([
    ['street', 'country'],
    ['line#2', 'street#1'],
    ['1', '2'],
  ])('%s and %s do not match', (a, b) => {
    expect(lexicon.match(a, b)).toBeNull();
  });
});

describe('Lexicon.lemma', () => {
  it.each([
    ['addresses', 'address'],
    ['created', 'create'],
    ['modified', 'modify'],
    ['employees', 'employee'],
    ['status', 'status'],
    ['mailing', 'mailing'],
    ['won', 'win'],
  ])('%s → %s', (word, lemma) => {
    expect(lexicon.lemma(word)).toBe(lemma);
  });
});
