import { KEY_PATTERN } from '../common/validators';
import { generateDemoEstate, MAX_DEMO_SERVICES, type DemoEstate } from './demo-estate';
import { KNOWN_SYSTEMS } from './demo-systems';

const fieldsOf = (estate: DemoEstate, service: string, entity: string): string[] =>
  estate.schemas
    .find((s) => s.serviceKey === service)!
    .entities.find((e) => e.name === entity)!
    .fields.map((f) => f.name);

describe('generateDemoEstate', () => {
  const estate = generateDemoEstate({ services: 1200, seed: 1 });

  it('is deterministic: the same seed gives the same estate, another seed another long tail', () => {
    expect(generateDemoEstate({ services: 1200, seed: 1 })).toEqual(estate);
    const other = generateDemoEstate({ services: 1200, seed: 2 });
    const known = KNOWN_SYSTEMS.length;
    expect(other.services.slice(0, known)).toEqual(estate.services.slice(0, known));
    expect(other.services.map((s) => s.key)).not.toEqual(estate.services.map((s) => s.key));
  });

  it.each([120, 1200, 3000])('makes exactly %i services, about 40 teams and ~2.5 integrations each', (n) => {
    const sized = generateDemoEstate({ services: n, seed: 7 });
    expect(sized.services).toHaveLength(n);
    expect(sized.teams.length).toBe(40);
    expect(sized.integrations.length / n).toBeGreaterThan(1.8);
    expect(sized.integrations.length / n).toBeLessThan(3.2);
  });

  it('grows the long tail at ten times the default size: same teams and known systems, ~12 fields per service', () => {
    const large = generateDemoEstate({ services: MAX_DEMO_SERVICES, seed: 1 });
    const known = KNOWN_SYSTEMS.length;
    expect(large.services).toHaveLength(10 * estate.services.length);
    expect(large.services.slice(0, known)).toEqual(estate.services.slice(0, known));
    expect(large.teams).toEqual(estate.teams);
    const keys = large.services.map((s) => s.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    const fields = large.schemas.reduce((sum, s) => sum + s.entities.reduce((n, e) => n + e.fields.length, 0), 0);
    expect(fields / large.services.length).toBeGreaterThan(10);
    expect(fields / large.services.length).toBeLessThan(14);
    expect(large.integrations.length / large.services.length).toBeGreaterThan(2.3);
    expect(large.integrations.length / large.services.length).toBeLessThan(2.9);
    expect(() => generateDemoEstate({ services: MAX_DEMO_SERVICES + 1, seed: 1 })).toThrow(RangeError);
  });

  it('holds Salesforce and Workday standard objects with their real field names', () => {
    const salesforce = estate.schemas.find((s) => s.serviceKey === 'salesforce')!.entities.map((e) => e.name);
    expect(salesforce).toEqual(
      expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign']),
    );
    expect(fieldsOf(estate, 'salesforce', 'Account')).toEqual(
      expect.arrayContaining(['Id', 'Name', 'Industry', 'AnnualRevenue', 'BillingCity', 'Phone', 'Website', 'OwnerId']),
    );
    expect(fieldsOf(estate, 'salesforce', 'Contact')).toEqual(
      expect.arrayContaining(['Id', 'FirstName', 'LastName', 'Email', 'Phone', 'AccountId', 'Title']),
    );
    expect(fieldsOf(estate, 'salesforce', 'Opportunity')).toEqual(
      expect.arrayContaining(['StageName', 'Amount', 'CloseDate']),
    );
    const workday = estate.schemas.find((s) => s.serviceKey === 'workday')!.entities.map((e) => e.name);
    expect(workday).toEqual(
      expect.arrayContaining(['Worker', 'Position', 'Organization', 'Job_Profile', 'Compensation']),
    );
    expect(fieldsOf(estate, 'workday', 'Worker')).toEqual(expect.arrayContaining(['Worker_ID', 'Hire_Date']));
    for (const key of ['hubspot', 'zendesk', 'jira', 'slack', 'netsuite'])
      expect(estate.services.some((s) => s.key === key)).toBe(true);
  });

  it('has unique, valid keys and owners that exist', () => {
    const teamKeys = new Set(estate.teams.map((t) => t.key));
    const keys = estate.services.map((s) => s.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    expect(teamKeys.size).toBe(estate.teams.length);
    for (const key of [...keys, ...teamKeys]) expect(key).toMatch(KEY_PATTERN);
    for (const service of estate.services) expect(teamKeys.has(service.ownerTeam)).toBe(true);
  });

  it('connects existing services only, each edge once and never to itself', () => {
    const keys = new Set(estate.services.map((s) => s.key));
    const edges = estate.integrations.map((i) => `${i.source}>${i.target}>${i.mechanism}`);
    expect(new Set(edges).size).toBe(edges.length);
    for (const i of estate.integrations) {
      expect(keys.has(i.source) && keys.has(i.target)).toBe(true);
      expect(i.source).not.toBe(i.target);
    }
  });

  it('maps only fields that exist onto unified fields that exist, each field once', () => {
    const fields = new Set(
      estate.schemas.flatMap((s) =>
        s.entities.flatMap((e) => e.fields.map((f) => `${s.serviceKey}.${e.name}.${f.name}`)),
      ),
    );
    const unified = new Set(estate.unifiedSchema.flatMap((e) => e.fields.map((f) => `${e.name}.${f.name}`)));
    const mapped = estate.mappings.map((m) => `${m.serviceKey}.${m.entity}.${m.field}`);
    expect(new Set(mapped).size).toBe(mapped.length);
    for (const m of estate.mappings) {
      expect(fields).toContain(`${m.serviceKey}.${m.entity}.${m.field}`);
      expect(unified).toContain(`${m.unifiedEntity}.${m.unifiedField}`);
    }
    expect(estate.mappings.length).toBeGreaterThan(1000);
  });

  it('gives every service unique entity names and every entity unique field names', () => {
    for (const schema of estate.schemas) {
      const names = schema.entities.map((e) => e.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
      for (const entity of schema.entities) {
        const fieldNames = entity.fields.map((f) => f.name.toLowerCase());
        expect(new Set(fieldNames).size).toBe(fieldNames.length);
      }
    }
  });

  it('leaves some services without data access information (unknowns stay unknown)', () => {
    const unknown = estate.services.filter((s) => s.dataAccess === null).length;
    expect(unknown).toBeGreaterThan(50);
    expect(unknown).toBeLessThan(300);
  });
});
