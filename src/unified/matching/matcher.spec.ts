import { FieldType } from '../../schemas/schema.types';
import type { UnifiedSchemaSpec } from '../unified.types';
import { sharedLexicon } from './lexicon-instance';
import type { SourceEntity } from './match.types';
import { SchemaMatcher } from './matcher';

/** A small unified schema over four domains that are not CRM: HR, support, commerce, files. */
const UNIFIED: UnifiedSchemaSpec = {
  entities: [
    {
      name: 'hr.Employee',
      synonyms: ['Staff Member'],
      fields: [
        { name: 'id' },
        { name: 'first_name', piiClass: null },
        { name: 'last_name' },
        { name: 'email' },
        { name: 'phone' },
        { name: 'hire_date', type: FieldType.DATE },
        { name: 'termination_date', type: FieldType.DATE },
        { name: 'department' },
        { name: 'job_title' },
        { name: 'manager_id' },
        { name: 'salary', type: FieldType.DECIMAL },
        { name: 'birth_date', type: FieldType.DATE },
      ],
    },
    {
      name: 'support.Ticket',
      fields: [
        { name: 'id' },
        { name: 'subject' },
        { name: 'description', description: 'The full text of the request as the requester wrote it' },
        { name: 'status' },
        { name: 'priority' },
        { name: 'assignee_id' },
        { name: 'requester_id' },
        { name: 'created_at', type: FieldType.DATETIME },
        { name: 'updated_at', type: FieldType.DATETIME },
        { name: 'due_at', type: FieldType.DATETIME },
        { name: 'tags' },
      ],
    },
    {
      name: 'commerce.Order',
      fields: [
        { name: 'id' },
        { name: 'order_number' },
        { name: 'customer_id' },
        { name: 'total_amount', type: FieldType.DECIMAL },
        { name: 'currency' },
        { name: 'tax_amount', type: FieldType.DECIMAL },
        { name: 'discount_amount', type: FieldType.DECIMAL },
        { name: 'status' },
        { name: 'shipping_address.city' },
        { name: 'shipping_address.postal_code' },
      ],
    },
    {
      name: 'files.File',
      fields: [
        { name: 'id' },
        { name: 'name' },
        { name: 'size_bytes', type: FieldType.INTEGER },
        { name: 'mime_type' },
        { name: 'owner_id' },
        { name: 'created_at', type: FieldType.DATETIME },
        { name: 'modified_at', type: FieldType.DATETIME },
      ],
    },
  ],
};

const matcher = new SchemaMatcher(sharedLexicon(), UNIFIED);

function best(entity: string, mappedTo: string | undefined, field: string, type?: FieldType): string | undefined {
  const source: SourceEntity = { name: entity, mappedTo, fields: [{ name: field, type }] };
  const [suggestion] = matcher.match([source]).suggestions;
  const top = suggestion.matched ? suggestion.candidates[0] : undefined;
  return top && `${top.targetEntity}.${top.targetField}`;
}

describe('SchemaMatcher', () => {
  describe.each([
    // Workday-style names, the entity already mapped
    ['Worker', 'hr.Employee', 'Worker_ID', 'hr.Employee.id'],
    ['Worker', 'hr.Employee', 'Legal_First_Name', 'hr.Employee.first_name'],
    ['Worker', 'hr.Employee', 'Family_Name', 'hr.Employee.last_name'],
    ['Worker', 'hr.Employee', 'Hire_Date', 'hr.Employee.hire_date'],
    ['Worker', 'hr.Employee', 'Base_Pay', 'hr.Employee.salary'],
    ['Worker', 'hr.Employee', 'dob', 'hr.Employee.birth_date'],
    ['Worker', 'hr.Employee', 'mgr_id', 'hr.Employee.manager_id'],
    ['Worker', 'hr.Employee', 'dept', 'hr.Employee.department'],
    ['Worker', 'hr.Employee', 'workEmailAddress', 'hr.Employee.email'],
    ['Worker', 'hr.Employee', 'MobilePhone__c', 'hr.Employee.phone'],
    ['Worker', 'hr.Employee', 'jobtitle', 'hr.Employee.job_title'],
    // Zendesk / Jira-style ticket fields
    ['Issue', 'support.Ticket', 'fields.assignee.accountId', 'support.Ticket.assignee_id'],
    ['Issue', 'support.Ticket', 'fields.reporter.accountId', 'support.Ticket.requester_id'],
    ['Issue', 'support.Ticket', 'fields.duedate', 'support.Ticket.due_at'],
    ['Issue', 'support.Ticket', 'fields.labels', 'support.Ticket.tags'],
    ['Issue', 'support.Ticket', 'fields.priority.name', 'support.Ticket.priority'],
    ['Ticket', 'support.Ticket', 'hs_ticket_priority', 'support.Ticket.priority'],
    ['Ticket', 'support.Ticket', 'lastModifiedDate', 'support.Ticket.updated_at'],
    // Shopify-style orders
    ['Order', 'commerce.Order', 'total_price', 'commerce.Order.total_amount'],
    ['Order', 'commerce.Order', 'total_tax', 'commerce.Order.tax_amount'],
    ['Order', 'commerce.Order', 'total_discounts', 'commerce.Order.discount_amount'],
    ['Order', 'commerce.Order', 'customer.id', 'commerce.Order.customer_id'],
    ['Order', 'commerce.Order', 'shipping_address.zip', 'commerce.Order.shipping_address.postal_code'],
    ['Order', 'commerce.Order', 'ccy', 'commerce.Order.currency'],
    // Google Drive / Box-style files
    ['DriveFile', 'files.File', 'mimeType', 'files.File.mime_type'],
    ['DriveFile', 'files.File', 'size', 'files.File.size_bytes'],
    ['DriveFile', 'files.File', 'modifiedTime', 'files.File.modified_at'],
    ['DriveFile', 'files.File', 'createdTime', 'files.File.created_at'],
  ])('%s (mapped to %s).%s', (entity, mappedTo, field, expected) => {
    it(`suggests ${expected}`, () => {
      expect(best(entity, mappedTo, field)).toBe(expected);
    });
  });

  it('restricts candidates to the entity the source entity is mapped to', () => {
    const [suggestion] = matcher.match([
      { name: 'Case', mappedTo: 'support.Ticket', fields: [{ name: 'id' }] },
    ]).suggestions;
    expect(new Set(suggestion.candidates.map((c) => c.targetEntity))).toEqual(new Set(['support.Ticket']));
  });

  it('says so instead of guessing when nothing fits', () => {
    const [suggestion] = matcher.match([
      { name: 'Worker', mappedTo: 'hr.Employee', fields: [{ name: 'favourite_colour' }] },
    ]).suggestions;
    expect(suggestion.matched).toBe(false);
    expect(suggestion.note).toMatch(/no unified field/);
  });

  it('explains a candidate: the words that matched and how', () => {
    const [suggestion] = matcher.match([
      { name: 'Worker', mappedTo: 'hr.Employee', fields: [{ name: 'Family_Name' }] },
    ]).suggestions;
    expect(suggestion.candidates[0].reasons.join('; ')).toContain("'family' ≈ 'last' (business glossary)");
  });

  it('weighs types: a boolean is a poor fit for a date', () => {
    const typed = (type: FieldType) =>
      matcher.match([{ name: 'Ticket', mappedTo: 'support.Ticket', fields: [{ name: 'created_at', type }] }])
        .suggestions[0].candidates[0];
    expect(typed(FieldType.DATETIME).confidence).toBeGreaterThan(typed(FieldType.BOOLEAN).confidence);
    expect(typed(FieldType.BOOLEAN).reasons).toContain('types differ (BOOLEAN → DATETIME)');
  });

  it('uses descriptions when names say nothing', () => {
    const [suggestion] = matcher.match([
      {
        name: 'Ticket',
        mappedTo: 'support.Ticket',
        fields: [{ name: 'txt_01', description: 'Full text of the request, as written by the requester' }],
      },
    ]).suggestions;
    expect(suggestion.candidates[0]?.targetField).toBe('description');
  });

  it('suggests the unified entity of an entity that is not mapped yet, and its fields there', () => {
    const result = matcher.match([
      { name: 'Worker', fields: [{ name: 'Worker_ID' }, { name: 'Hire_Date' }, { name: 'Family_Name' }] },
    ]);
    expect(result.entities[0].candidates[0].targetEntity).toBe('hr.Employee');
    expect(result.suggestions[0].candidates[0].targetEntity).toBe('hr.Employee');
  });

  it('learns from confirmed mappings: the same name mapped before is strong evidence', () => {
    const [suggestion] = matcher.match([{ name: 'Sale', mappedTo: 'commerce.Order', fields: [{ name: 'zq_ref7' }] }], {
      history: [
        {
          sourceEntity: 'Purchase',
          sourceField: 'ZQ_Ref7',
          targetEntity: 'commerce.Order',
          targetField: 'order_number',
        },
      ],
    }).suggestions;
    expect(suggestion.candidates[0]).toMatchObject({ targetField: 'order_number', confidence: 0.97 });
    expect(suggestion.candidates[0].reasons[0]).toMatch(
      /confirmed before for the same name \(e\.g\. Purchase\.ZQ_Ref7\)/,
    );
  });

  it('never suggests a pair an architect rejected', () => {
    const [suggestion] = matcher.match([{ name: 'Worker', mappedTo: 'hr.Employee', fields: [{ name: 'Base_Pay' }] }], {
      isRejected: (_e, field, target, targetField) => field === 'Base_Pay' && targetField === 'salary',
    }).suggestions;
    expect(suggestion.candidates.map((c) => c.targetField)).not.toContain('salary');
  });

  it('warns about an unknown mappedTo and matches against every entity', () => {
    const result = matcher.match([{ name: 'Worker', mappedTo: 'hr.Nobody', fields: [{ name: 'hire_date' }] }]);
    expect(result.warnings[0]).toMatch(/hr\.Nobody/);
    expect(result.suggestions[0].candidates[0].targetField).toBe('hire_date');
  });

  it('keeps confidences in [0, 1] and candidates ordered', () => {
    const result = matcher.match([
      { name: 'Anything', fields: ['id', 'x', 'created', 'total_amount_incl_tax', 'e-mail'].map((name) => ({ name })) },
    ]);
    for (const s of result.suggestions) {
      const confidences = s.candidates.map((c) => c.confidence);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      for (const c of confidences) expect(c >= 0 && c <= 1).toBe(true);
    }
  });
});
