import { Lifecycle } from '../../inventory/inventory.enums';
import { FieldType, PiiClass } from '../../schemas/schema.types';
import type { StoredUnifiedField } from '../unified.types';
import type { DictionarySource, SupplierRow } from './data-dictionary';

/** Pure sample data for the renderers' tests: a small CRM schema, its suppliers, and awkward names. */

function field(id: string, name: string, attributes: Partial<StoredUnifiedField> = {}): StoredUnifiedField {
  return {
    id,
    name,
    type: null,
    description: null,
    synonyms: [],
    required: false,
    piiClass: null,
    enumValues: [],
    ...attributes,
  };
}

export const SAMPLE_SOURCE: DictionarySource = {
  version: 3,
  publishedAt: new Date('2025-05-01T09:30:00Z'),
  publishedBy: 'alice',
  note: 'CRM core',
  entities: [
    {
      id: 'e-account',
      name: 'crm.Account',
      description: 'A company that buys from us.',
      synonyms: ['Company', 'Customer'],
      fields: [
        field('f-name', 'name', {
          type: FieldType.STRING,
          required: true,
          description: 'The legal name.',
          synonyms: ['company_name'],
        }),
        field('f-email', 'email', { type: FieldType.STRING, piiClass: PiiClass.EMAIL }),
        field('f-revenue', 'annualRevenue', { type: FieldType.DECIMAL, description: 'Revenue | per year <b>' }),
        field('f-tier', 'tier', { type: FieldType.ENUM, enumValues: ['gold', 'silver'] }),
        field('f-seats', 'seats', { type: FieldType.INTEGER, enumValues: ['10', '50', 'unlimited'] }),
        field('f-active', 'active', { type: FieldType.BOOLEAN, enumValues: ['true', 'false'] }),
        field('f-founded', 'founded', { type: FieldType.DATE }),
        field('f-created', 'createdAt', { type: FieldType.DATETIME }),
        field('f-owner', 'owner', { type: FieldType.REFERENCE }),
        field('f-extra', 'extra', { type: FieldType.JSON }),
        field('f-logo', 'logo', { type: FieldType.BINARY }),
        field('f-notes', 'notes', { type: FieldType.TEXT }),
        field('f-untyped', 'legacyCode'),
        field('f-city', 'addresses[].city', {
          type: FieldType.STRING,
          required: true,
          piiClass: PiiClass.POSTAL_ADDRESS,
        }),
        field('f-zip', 'addresses[].zip', { type: FieldType.STRING }),
        field('f-tags', 'tags', { description: 'Labels.' }),
        field('f-tag', 'tags[]', { type: FieldType.STRING, enumValues: ['vip', 'partner'] }),
        field('f-hq-country', 'hq.country', { type: FieldType.STRING, required: true }),
      ],
    },
    { id: 'e-sales-order', name: 'Sales Order', description: null, synonyms: [], fields: [] },
    {
      id: 'e-lead',
      name: 'crm.Lead',
      description: null,
      synonyms: [],
      fields: [field('f-lead-name', 'name', { type: FieldType.STRING })],
    },
  ],
};

const supplier = (
  unifiedFieldId: string,
  serviceKey: string,
  entity: string,
  sourceField: string,
  systemOfRecord = false,
): SupplierRow => ({
  unifiedFieldId,
  serviceKey,
  serviceName: serviceKey[0].toUpperCase() + serviceKey.slice(1),
  lifecycle: serviceKey === 'hubspot' ? Lifecycle.RETIRING : Lifecycle.ACTIVE,
  entity,
  field: sourceField,
  systemOfRecord,
});

/** In no particular order, as the database returns them. */
export const SAMPLE_SUPPLIERS: SupplierRow[] = [
  supplier('f-name', 'zendesk', 'Organization', 'name'),
  supplier('f-name', 'hubspot', 'Company', 'name'),
  supplier('f-name', 'salesforce', 'Account', 'Name', true),
  supplier('f-email', 'hubspot', 'Company', 'email', true),
  supplier('f-email', 'salesforce', 'Account', 'Email__c', true),
  supplier('f-city', 'salesforce', 'Account', 'BillingAddress.city', true),
  supplier('f-revenue', 'salesforce', 'Account', 'AnnualRevenue'),
  supplier('f-revenue', 'salesforce', 'Account', 'Revenue2'),
  supplier('f-unknown', 'salesforce', 'Account', 'Gone'),
];
