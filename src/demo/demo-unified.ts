import { FieldType, PiiClass } from '../schemas/schema.types';
import type { UnifiedEntitySpec, UnifiedFieldSpec } from '../unified/unified.types';

/**
 * The demo's unified schema: the canonical entities the estate consolidates onto. Fields are written
 * "name:TYPE[:PII] synonym|synonym" one a line, so the schema reads like a table.
 */
function fields(text: string): UnifiedFieldSpec[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [spec, synonyms = ''] = line.trim().split(/\s+/);
      const [name, type, pii] = spec.split(':');
      return {
        name,
        type: FieldType[type as keyof typeof FieldType],
        piiClass: pii ? PiiClass[pii as keyof typeof PiiClass] : null,
        synonyms: synonyms ? synonyms.split('|') : [],
        description: `The ${name.replace(/_/g, ' ')}.`,
      };
    });
}

export const DEMO_UNIFIED_SCHEMA: UnifiedEntitySpec[] = [
  {
    name: 'Customer',
    description: 'A company that buys from us.',
    synonyms: ['Account', 'Client', 'Company'],
    fields: fields(`
      name:STRING company_name|account_name|client_name
      industry:STRING sector|vertical
      annual_revenue:DECIMAL revenue|turnover
      employee_count:INTEGER headcount|number_of_employees
      website:STRING domain|url
      phone:STRING:PHONE telephone|main_phone
      billing_street:STRING:POSTAL_ADDRESS address|street
      billing_city:STRING city|town
      billing_country:STRING country
      owner:REFERENCE account_manager|account_owner
      created_at:DATETIME created|created_date`),
  },
  {
    name: 'Contact',
    description: 'A person at a customer or partner.',
    synonyms: ['Person', 'Stakeholder'],
    fields: fields(`
      first_name:STRING:PERSON_NAME given_name|forename
      last_name:STRING:PERSON_NAME surname|family_name
      email:STRING:EMAIL email_address|mail
      phone:STRING:PHONE telephone|phone_number
      mobile_phone:STRING:PHONE mobile|cell
      job_title:STRING title|role
      customer:REFERENCE company|account|organisation
      mailing_city:STRING city
      email_opt_out:BOOLEAN unsubscribed|opted_out`),
  },
  {
    name: 'Lead',
    description: 'A prospect not yet qualified.',
    synonyms: ['Prospect'],
    fields: fields(`
      first_name:STRING:PERSON_NAME given_name
      last_name:STRING:PERSON_NAME surname
      company:STRING company_name
      email:STRING:EMAIL email_address
      phone:STRING:PHONE telephone
      status:ENUM lead_status
      source:ENUM lead_source|channel`),
  },
  {
    name: 'Opportunity',
    description: 'A deal in the sales pipeline.',
    synonyms: ['Deal'],
    fields: fields(`
      name:STRING deal_name|title
      stage:ENUM stage_name|deal_stage
      amount:DECIMAL value|deal_amount
      close_date:DATE expected_close
      probability:DECIMAL win_probability
      customer:REFERENCE account
      forecast_category:ENUM forecast
      next_step:TEXT next_action`),
  },
  {
    name: 'Employee',
    description: 'A person who works for us.',
    synonyms: ['Worker', 'Staff', 'Team member'],
    fields: fields(`
      employee_number:STRING employee_id|staff_number
      first_name:STRING:PERSON_NAME given_name|legal_first_name
      last_name:STRING:PERSON_NAME surname|legal_last_name
      preferred_name:STRING:PERSON_NAME nickname
      work_email:STRING:EMAIL email|corporate_email
      personal_email:STRING:EMAIL home_email
      phone:STRING:PHONE mobile|phone_number
      hire_date:DATE start_date|joined_on
      termination_date:DATE end_date|leaving_date
      birth_date:DATE:BIRTH_DATE date_of_birth|dob
      national_id:STRING:NATIONAL_ID ssn|personnummer
      job_title:STRING title|role
      manager:REFERENCE supervisor|reports_to
      organisation:REFERENCE department|team
      location:STRING office|site
      employment_type:ENUM worker_type`),
  },
  {
    name: 'Position',
    description: 'A budgeted role in the organisation, filled or open.',
    synonyms: ['Role', 'Headcount'],
    fields: fields(`
      title:STRING position_title
      job_profile:STRING job_code|job_family
      organisation:REFERENCE department
      is_filled:BOOLEAN filled
      fte:DECIMAL full_time_equivalent`),
  },
  {
    name: 'Compensation',
    description: "An employee's pay.",
    synonyms: ['Salary', 'Pay'],
    fields: fields(`
      base_pay:DECIMAL salary|base_salary|annual_rate
      currency:STRING currency_code
      pay_frequency:ENUM frequency
      bonus_target_percent:DECIMAL bonus_target
      effective_date:DATE effective_from
      grade:STRING pay_grade`),
  },
  {
    name: 'Organisation',
    description: 'An internal unit: department, cost centre, supervisory organisation.',
    synonyms: ['Department', 'Org unit', 'Cost center'],
    fields: fields(`
      name:STRING organisation_name|department_name
      type:ENUM organisation_type
      manager:REFERENCE head
      parent:REFERENCE superior_organisation
      cost_center:STRING cost_centre`),
  },
  {
    name: 'Invoice',
    description: 'A bill sent to a customer.',
    synonyms: ['Bill'],
    fields: fields(`
      invoice_number:STRING number|tran_id
      customer:REFERENCE client|account
      issue_date:DATE invoice_date|tran_date
      due_date:DATE due
      total:DECIMAL amount|gross_amount
      tax:DECIMAL tax_total|vat
      currency:STRING currency_code
      status:ENUM invoice_status`),
  },
  {
    name: 'Order',
    description: 'A sales order.',
    synonyms: ['Sales order', 'Purchase'],
    fields: fields(`
      order_number:STRING number|tran_id
      customer:REFERENCE client|account
      order_date:DATE ordered_on
      status:ENUM order_status
      total:DECIMAL amount
      currency:STRING currency_code`),
  },
  {
    name: 'Product',
    description: 'Something we sell.',
    synonyms: ['Item', 'SKU'],
    fields: fields(`
      sku:STRING product_code|item_id
      name:STRING product_name|display_name
      description:TEXT details
      unit_price:DECIMAL price|list_price
      family:STRING category|product_family
      is_active:BOOLEAN active`),
  },
  {
    name: 'Ticket',
    description: 'A support request or incident.',
    synonyms: ['Case', 'Incident', 'Support request'],
    fields: fields(`
      subject:STRING title|short_description
      description:TEXT details|body
      status:ENUM state
      priority:ENUM urgency
      requester:REFERENCE caller|customer
      assignee:REFERENCE assigned_to|agent
      channel:ENUM origin|via
      opened_at:DATETIME created_at|created
      closed_at:DATETIME resolved_at`),
  },
  {
    name: 'Campaign',
    description: 'A marketing campaign or programme.',
    synonyms: ['Program', 'Programme'],
    fields: fields(`
      name:STRING campaign_name
      type:ENUM channel
      status:ENUM state
      start_date:DATE starts_on
      end_date:DATE ends_on
      budget:DECIMAL budgeted_cost
      actual_cost:DECIMAL spend
      expected_revenue:DECIMAL pipeline`),
  },
  {
    name: 'Task',
    description: 'A unit of work: an issue, story or to-do.',
    synonyms: ['Issue', 'Work item', 'To-do'],
    fields: fields(`
      summary:STRING title|name
      description:TEXT details
      status:ENUM state
      priority:ENUM urgency
      assignee:REFERENCE owner
      project:REFERENCE board
      due_date:DATE due`),
  },
];
