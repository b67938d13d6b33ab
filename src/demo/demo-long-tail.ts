import { FieldType, PiiClass } from '../schemas/schema.types';
import { SALESFORCE, WORKDAY } from './demo-systems';

/**
 * What the small tools of the long tail hold: each archetype is a kind of tool (a customer list, a
 * staff roster, a ticket tracker …) with the names such tools give their entities and fields, and the
 * unified field each field lands in. Most of it is data Salesforce or Workday already hold.
 */
export interface ArchetypeField {
  names: string[];
  type: FieldType;
  pii?: PiiClass;
  unified: string;
  /** How often a tool of this kind has the field. */
  presence: number;
}

export interface Archetype {
  unifiedEntity: string;
  weight: number;
  category: string;
  purpose: string;
  nouns: string[];
  entityNames: string[];
  /** Teams that tend to build such tools. */
  teams: string[];
  /** The hub this kind of data comes from, if any. */
  hub?: string;
  pii: boolean;
  fields: ArchetypeField[];
}

const f = (names: string, type: FieldType, unified: string, presence = 0.8, pii?: PiiClass): ArchetypeField => ({
  names: names.split(' '),
  type,
  unified,
  presence,
  pii,
});

const { STRING, TEXT, DECIMAL, BOOLEAN, DATE, DATETIME, ENUM, REFERENCE } = FieldType;

export const LONG_TAIL_ARCHETYPES: Archetype[] = [
  {
    unifiedEntity: 'Customer',
    weight: 20,
    category: 'CRM',
    purpose: 'Keeps a list of customers and their details',
    nouns: ['Customer Tracker', 'Client List', 'Account Planner', 'CRM Lite', 'Partner Directory', 'Customer Sheet'],
    entityNames: ['Customer', 'Client', 'Account', 'customers', 'clients', 'Company'],
    teams: ['sales-operations', 'merchant-onboarding', 'merchant-experience', 'partner-integrations', 'growth'],
    hub: SALESFORCE,
    pii: false,
    fields: [
      f('customer_name CustomerName company client_name account_name', STRING, 'name', 1),
      f('industry sector vertical', STRING, 'industry', 0.6),
      f('website domain url', STRING, 'website', 0.5),
      f('phone phone_number main_phone', STRING, 'phone', 0.6, PiiClass.PHONE),
      f('city billing_city town', STRING, 'billing_city', 0.6),
      f('country billing_country', STRING, 'billing_country', 0.7),
      f('account_manager owner rep', REFERENCE, 'owner', 0.5),
      f('annual_revenue revenue', DECIMAL, 'annual_revenue', 0.3),
    ],
  },
  {
    unifiedEntity: 'Contact',
    weight: 16,
    category: 'CRM',
    purpose: 'Tracks the people we talk to at customers and partners',
    nouns: ['Contact List', 'Stakeholder Map', 'Address Book', 'Outreach Log', 'Event Guests', 'Newsletter List'],
    entityNames: ['Contact', 'contacts', 'Person', 'people', 'Stakeholder', 'Guest'],
    teams: ['sales-operations', 'marketing-technology', 'customer-care', 'partner-integrations'],
    hub: SALESFORCE,
    pii: true,
    fields: [
      f('first_name firstName given_name fname', STRING, 'first_name', 0.9, PiiClass.PERSON_NAME),
      f('last_name lastName surname lname', STRING, 'last_name', 0.9, PiiClass.PERSON_NAME),
      f('email email_address mail contact_email', STRING, 'email', 0.95, PiiClass.EMAIL),
      f('phone phone_number tel', STRING, 'phone', 0.6, PiiClass.PHONE),
      f('mobile cell mobile_phone', STRING, 'mobile_phone', 0.3, PiiClass.PHONE),
      f('title job_title role', STRING, 'job_title', 0.5),
      f('company organisation account', REFERENCE, 'customer', 0.6),
      f('unsubscribed opted_out', BOOLEAN, 'email_opt_out', 0.3),
    ],
  },
  {
    unifiedEntity: 'Employee',
    weight: 18,
    category: 'HR',
    purpose: 'Keeps its own list of staff',
    nouns: ['Staff Roster', 'Team Directory', 'Onboarding Checklist', 'Skills Matrix', 'Shift Planner', 'Org Chart'],
    entityNames: ['Employee', 'staff', 'team_members', 'Worker', 'Person', 'Colleague'],
    teams: ['people-systems', 'workplace-it', 'internal-tools', 'customer-care'],
    hub: WORKDAY,
    pii: true,
    fields: [
      f('employee_id staff_number emp_no', STRING, 'employee_number', 0.6),
      f('first_name firstName given_name', STRING, 'first_name', 0.9, PiiClass.PERSON_NAME),
      f('last_name lastName surname', STRING, 'last_name', 0.9, PiiClass.PERSON_NAME),
      f('email work_email corporate_email', STRING, 'work_email', 0.9, PiiClass.EMAIL),
      f('job_title title role', STRING, 'job_title', 0.6),
      f('department team org_unit', REFERENCE, 'organisation', 0.7),
      f('manager supervisor reports_to', REFERENCE, 'manager', 0.5),
      f('start_date hire_date joined_on', DATE, 'hire_date', 0.5),
      f('office location site', STRING, 'location', 0.4),
      f('date_of_birth dob birthday', DATE, 'birth_date', 0.15, PiiClass.BIRTH_DATE),
    ],
  },
  {
    unifiedEntity: 'Ticket',
    weight: 8,
    category: 'Support',
    purpose: 'Logs requests and their handling',
    nouns: ['Request Tracker', 'Helpdesk', 'Escalation Log', 'Issue Log', 'Complaints Register'],
    entityNames: ['Ticket', 'Request', 'support_cases', 'Escalation'],
    teams: ['customer-care', 'workplace-it', 'disputes'],
    pii: false,
    fields: [
      f('subject title summary', STRING, 'subject', 1),
      f('description details body', TEXT, 'description', 0.7),
      f('status state', ENUM, 'status', 0.9),
      f('priority urgency', ENUM, 'priority', 0.6),
      f('requester customer reported_by', REFERENCE, 'requester', 0.6),
      f('assignee agent assigned_to', REFERENCE, 'assignee', 0.6),
      f('created_at opened_at', DATETIME, 'opened_at', 0.8),
    ],
  },
  {
    unifiedEntity: 'Invoice',
    weight: 5,
    category: 'Finance',
    purpose: 'Tracks invoices outside the ERP',
    nouns: ['Invoice Tracker', 'Billing Sheet', 'Receivables Log', 'Credit Notes'],
    entityNames: ['Invoice', 'invoices', 'Bill'],
    teams: ['finance-systems', 'accounting', 'collections', 'settlement'],
    pii: false,
    fields: [
      f('invoice_number invoice_no number', STRING, 'invoice_number', 1),
      f('customer client account', REFERENCE, 'customer', 0.9),
      f('invoice_date issued_on', DATE, 'issue_date', 0.8),
      f('due_date due', DATE, 'due_date', 0.7),
      f('total amount', DECIMAL, 'total', 0.95),
      f('currency currency_code', STRING, 'currency', 0.7),
      f('status paid_status', ENUM, 'status', 0.6),
    ],
  },
  {
    unifiedEntity: 'Order',
    weight: 5,
    category: 'Sales',
    purpose: 'Records orders taken outside the ERP',
    nouns: ['Order Desk', 'Order Log', 'Quote Builder', 'Deal Desk'],
    entityNames: ['Order', 'orders', 'SalesOrder'],
    teams: ['sales-operations', 'checkout', 'merchant-experience'],
    pii: false,
    fields: [
      f('order_number order_no', STRING, 'order_number', 1),
      f('customer client', REFERENCE, 'customer', 0.9),
      f('order_date ordered_on', DATE, 'order_date', 0.8),
      f('status order_status', ENUM, 'status', 0.8),
      f('total amount', DECIMAL, 'total', 0.9),
      f('currency', STRING, 'currency', 0.6),
    ],
  },
  {
    unifiedEntity: 'Campaign',
    weight: 6,
    category: 'Marketing',
    purpose: 'Plans and tracks campaigns',
    nouns: ['Campaign Planner', 'Event Budget', 'Webinar Tracker', 'Promo Calendar'],
    entityNames: ['Campaign', 'campaigns', 'Event', 'Promotion'],
    teams: ['marketing-technology', 'growth', 'rewards'],
    pii: false,
    fields: [
      f('campaign_name name title', STRING, 'name', 1),
      f('channel type', ENUM, 'type', 0.7),
      f('status', ENUM, 'status', 0.6),
      f('start_date starts_on', DATE, 'start_date', 0.8),
      f('end_date ends_on', DATE, 'end_date', 0.7),
      f('budget planned_spend', DECIMAL, 'budget', 0.7),
      f('spend actual_cost', DECIMAL, 'actual_cost', 0.5),
    ],
  },
  {
    unifiedEntity: 'Product',
    weight: 4,
    category: 'Product',
    purpose: 'Keeps a product or price list',
    nouns: ['Price List', 'Product Catalogue', 'SKU Sheet', 'Bundle Builder'],
    entityNames: ['Product', 'products', 'Item', 'sku'],
    teams: ['pricing', 'merchant-experience', 'shopping-app'],
    pii: false,
    fields: [
      f('sku product_code item_code', STRING, 'sku', 0.9),
      f('product_name name', STRING, 'name', 1),
      f('description details', TEXT, 'description', 0.5),
      f('price unit_price list_price', DECIMAL, 'unit_price', 0.9),
      f('category family', STRING, 'family', 0.5),
      f('active is_active', BOOLEAN, 'is_active', 0.5),
    ],
  },
  {
    unifiedEntity: 'Task',
    weight: 8,
    category: 'Collaboration',
    purpose: 'Tracks work and to-dos',
    nouns: ['Task Board', 'Project Tracker', 'Action Log', 'Sprint Sheet', 'Roadmap'],
    entityNames: ['Task', 'tasks', 'Item', 'Action', 'Card'],
    teams: ['developer-experience', 'internal-tools', 'enterprise-architecture', 'compliance'],
    pii: false,
    fields: [
      f('title summary name', STRING, 'summary', 1),
      f('description details', TEXT, 'description', 0.6),
      f('status state column', ENUM, 'status', 0.9),
      f('owner assignee', REFERENCE, 'assignee', 0.7),
      f('due_date due deadline', DATE, 'due_date', 0.6),
    ],
  },
];

/** Entities that have no home in the unified schema. */
export const MISC_ENTITIES: { name: string; fields: string }[] = [
  { name: 'Report', fields: 'id:id title query:text schedule last_run:datetime' },
  { name: 'AuditLog', fields: 'id:id event actor at:datetime payload:json' },
  { name: 'Setting', fields: 'key:id value' },
  { name: 'Metric', fields: 'id:id name value:decimal recorded_at:datetime' },
  { name: 'Document', fields: 'id:id title body:text url' },
  { name: 'Booking', fields: 'id:id room starts_at:datetime ends_at:datetime booked_by:ref' },
  { name: 'Asset', fields: 'serial_number:id model assigned_to:ref purchased_on:date' },
];
