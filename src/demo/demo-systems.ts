import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  Lifecycle,
  ServiceKind,
  SpecFormat,
} from '../inventory/inventory.enums';

/**
 * The well-known systems of the demo estate, with their real standard objects and field names
 * (Salesforce, Workday, HubSpot, Zendesk, Jira, Slack, NetSuite …) and a few legacy systems.
 *
 * An entity's fields are "Name[:modifier…]" separated by spaces: a type (text, int, decimal, bool,
 * date, datetime, enum, ref, json), `id` for an identifier, or a kind of personal data (email, phone,
 * person, address, birth, natid). `map` pairs a field with a field of the unified entity `to`.
 */
export interface SystemEntity {
  name: string;
  description: string;
  records: number;
  fields: string;
  to?: string;
  map?: string;
}

export interface KnownSystem {
  key: string;
  name: string;
  kind: ServiceKind;
  vendor: string | null;
  category: string;
  ownerTeam: string;
  lifecycle: Lifecycle;
  criticality: Criticality;
  annualCost: number;
  seats: number | null;
  users: number;
  renewal: string | null;
  tags: string[];
  access: {
    apiStyle: ApiStyle;
    machineReadableSpec: boolean;
    specFormat?: SpecFormat;
    bulkExport: boolean;
    changeEvents: ChangeEvents;
    dataStructure: DataStructure;
    authMethod: AuthMethod;
  };
  /** The system of record for what it maps: its confirmed mappings are marked so. */
  systemOfRecord?: boolean;
  entities: SystemEntity[];
}

const modernSaas = (specFormat = SpecFormat.OPENAPI): KnownSystem['access'] => ({
  apiStyle: ApiStyle.REST,
  machineReadableSpec: true,
  specFormat,
  bulkExport: true,
  changeEvents: ChangeEvents.WEBHOOKS,
  dataStructure: DataStructure.STRUCTURED,
  authMethod: AuthMethod.OAUTH2,
});

export const SALESFORCE = 'salesforce';
export const WORKDAY = 'workday';
export const WAREHOUSE = 'snowflake-dwh';

export const KNOWN_SYSTEMS: KnownSystem[] = [
  {
    key: SALESFORCE,
    name: 'Salesforce Sales Cloud',
    kind: ServiceKind.SAAS,
    vendor: 'Salesforce',
    category: 'CRM',
    ownerTeam: 'sales-operations',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MISSION_CRITICAL,
    annualCost: 4_800_000,
    seats: 3200,
    users: 2950,
    renewal: '2026-09-30',
    tags: ['crm', 'customer-facing', 'gdpr'],
    access: {
      ...modernSaas(),
      changeEvents: ChangeEvents.CDC,
    },
    systemOfRecord: true,
    entities: [
      {
        name: 'Account',
        description: 'A company we sell to.',
        records: 480_000,
        fields:
          'Id:id Name Type:enum Industry:enum AnnualRevenue:decimal NumberOfEmployees:int Phone:phone Website ' +
          'BillingStreet:address BillingCity BillingState BillingPostalCode BillingCountry ParentId:ref OwnerId:ref ' +
          'CreatedDate:datetime LastModifiedDate:datetime',
        to: 'Customer',
        map:
          'Name=name Industry=industry AnnualRevenue=annual_revenue NumberOfEmployees=employee_count ' +
          'Website=website Phone=phone BillingStreet=billing_street BillingCity=billing_city ' +
          'BillingCountry=billing_country OwnerId=owner CreatedDate=created_at',
      },
      {
        name: 'Contact',
        description: 'A person at an account.',
        records: 2_100_000,
        fields:
          'Id:id AccountId:ref FirstName:person LastName:person Email:email Phone:phone MobilePhone:phone Title ' +
          'MailingStreet:address MailingCity MailingCountry Birthdate:birth LeadSource:enum HasOptedOutOfEmail:bool OwnerId:ref',
        to: 'Contact',
        map:
          'FirstName=first_name LastName=last_name Email=email Phone=phone MobilePhone=mobile_phone Title=job_title ' +
          'AccountId=customer MailingCity=mailing_city HasOptedOutOfEmail=email_opt_out',
      },
      {
        name: 'Lead',
        description: 'A prospect before qualification.',
        records: 900_000,
        fields:
          'Id:id FirstName:person LastName:person Company Email:email Phone:phone Status:enum LeadSource:enum ' +
          'Rating:enum Industry:enum IsConverted:bool ConvertedDate:date OwnerId:ref',
        to: 'Lead',
        map: 'FirstName=first_name LastName=last_name Company=company Email=email Phone=phone Status=status LeadSource=source',
      },
      {
        name: 'Opportunity',
        description: 'A deal in the pipeline.',
        records: 640_000,
        fields:
          'Id:id AccountId:ref Name StageName:enum Amount:decimal CloseDate:date Probability:decimal Type:enum ' +
          'LeadSource:enum ForecastCategory:enum NextStep:text IsClosed:bool IsWon:bool OwnerId:ref',
        to: 'Opportunity',
        map:
          'Name=name StageName=stage Amount=amount CloseDate=close_date Probability=probability AccountId=customer ' +
          'ForecastCategory=forecast_category NextStep=next_step',
      },
      {
        name: 'Case',
        description: 'A customer support case.',
        records: 1_300_000,
        fields:
          'Id:id CaseNumber AccountId:ref ContactId:ref Subject Description:text Status:enum Priority:enum ' +
          'Origin:enum Reason:enum ClosedDate:datetime CreatedDate:datetime OwnerId:ref',
        to: 'Ticket',
        map:
          'Subject=subject Description=description Status=status Priority=priority ContactId=requester ' +
          'OwnerId=assignee Origin=channel CreatedDate=opened_at ClosedDate=closed_at',
      },
      {
        name: 'Campaign',
        description: 'A marketing campaign.',
        records: 12_000,
        fields:
          'Id:id Name Type:enum Status:enum StartDate:date EndDate:date BudgetedCost:decimal ActualCost:decimal ' +
          'ExpectedRevenue:decimal NumberOfLeads:int IsActive:bool',
        to: 'Campaign',
        map:
          'Name=name Type=type Status=status StartDate=start_date EndDate=end_date BudgetedCost=budget ' +
          'ActualCost=actual_cost ExpectedRevenue=expected_revenue',
      },
      {
        name: 'Product2',
        description: 'A product in the price book.',
        records: 3_400,
        fields: 'Id:id Name ProductCode Description:text Family:enum IsActive:bool',
        to: 'Product',
        map: 'Name=name ProductCode=sku Description=description Family=family IsActive=is_active',
      },
      {
        name: 'User',
        description: 'A Salesforce user.',
        records: 3_300,
        fields:
          'Id:id Username Email:email FirstName:person LastName:person Title Department IsActive:bool ManagerId:ref',
      },
    ],
  },
  {
    key: WORKDAY,
    name: 'Workday HCM',
    kind: ServiceKind.SAAS,
    vendor: 'Workday',
    category: 'HR',
    ownerTeam: 'people-systems',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MISSION_CRITICAL,
    annualCost: 3_100_000,
    seats: 5500,
    users: 5200,
    renewal: '2027-03-31',
    tags: ['hr', 'gdpr', 'sox'],
    access: { ...modernSaas(SpecFormat.WSDL), apiStyle: ApiStyle.SOAP, changeEvents: ChangeEvents.NONE },
    systemOfRecord: true,
    entities: [
      {
        name: 'Worker',
        description: 'An employee or contingent worker.',
        records: 5_600,
        fields:
          'Worker_ID:id Employee_ID Legal_First_Name:person Legal_Last_Name:person Preferred_Name:person ' +
          'Work_Email:email Personal_Email:email Phone_Number:phone Hire_Date:date Termination_Date:date ' +
          'Date_of_Birth:birth National_ID:natid Worker_Type:enum Business_Title Manager_ID:ref ' +
          'Supervisory_Organization_ID:ref Location',
        to: 'Employee',
        map:
          'Employee_ID=employee_number Legal_First_Name=first_name Legal_Last_Name=last_name ' +
          'Preferred_Name=preferred_name Work_Email=work_email Personal_Email=personal_email Phone_Number=phone ' +
          'Hire_Date=hire_date Termination_Date=termination_date Date_of_Birth=birth_date National_ID=national_id ' +
          'Business_Title=job_title Manager_ID=manager Supervisory_Organization_ID=organisation Location=location ' +
          'Worker_Type=employment_type',
      },
      {
        name: 'Position',
        description: 'A position in a supervisory organization.',
        records: 6_100,
        fields:
          'Position_ID:id Position_Title Job_Profile_ID:ref Supervisory_Organization_ID:ref Worker_ID:ref ' +
          'Is_Filled:bool Time_Type:enum FTE:decimal Availability_Date:date',
        to: 'Position',
        map: 'Position_Title=title Job_Profile_ID=job_profile Supervisory_Organization_ID=organisation Is_Filled=is_filled FTE=fte',
      },
      {
        name: 'Organization',
        description: 'A supervisory organization, cost center or company.',
        records: 820,
        fields:
          'Organization_ID:id Organization_Name Organization_Type:enum Manager_ID:ref Superior_Organization_ID:ref Cost_Center_ID',
        to: 'Organisation',
        map: 'Organization_Name=name Organization_Type=type Manager_ID=manager Superior_Organization_ID=parent Cost_Center_ID=cost_center',
      },
      {
        name: 'Job_Profile',
        description: 'A generic job definition.',
        records: 640,
        fields: 'Job_Profile_ID:id Job_Title Job_Family Management_Level:enum Job_Category Is_Exempt:bool',
      },
      {
        name: 'Compensation',
        description: "A worker's compensation plan assignment.",
        records: 5_600,
        fields:
          'Worker_ID:ref Compensation_Plan Base_Pay:decimal Currency Frequency:enum Bonus_Target_Percent:decimal ' +
          'Effective_Date:date Compensation_Grade',
        to: 'Compensation',
        map:
          'Base_Pay=base_pay Currency=currency Frequency=pay_frequency Bonus_Target_Percent=bonus_target_percent ' +
          'Effective_Date=effective_date Compensation_Grade=grade',
      },
      {
        name: 'Time_Off_Request',
        description: 'Requested or taken time off.',
        records: 48_000,
        fields: 'Worker_ID:ref Time_Off_Type:enum Start_Date:date End_Date:date Quantity:decimal Status:enum',
      },
    ],
  },
  {
    key: 'hubspot',
    name: 'HubSpot Marketing Hub',
    kind: ServiceKind.SAAS,
    vendor: 'HubSpot',
    category: 'Marketing',
    ownerTeam: 'marketing-technology',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.HIGH,
    annualCost: 420_000,
    seats: 180,
    users: 95,
    renewal: '2026-05-31',
    tags: ['marketing', 'gdpr'],
    access: modernSaas(),
    entities: [
      {
        name: 'contacts',
        description: 'Marketing contacts.',
        records: 1_700_000,
        fields:
          'hs_object_id:id firstname:person lastname:person email:email phone:phone jobtitle company ' +
          'lifecyclestage:enum hs_lead_status:enum createdate:datetime',
        to: 'Contact',
        map: 'firstname=first_name lastname=last_name email=email phone=phone jobtitle=job_title',
      },
      {
        name: 'companies',
        description: 'Companies of contacts.',
        records: 310_000,
        fields:
          'hs_object_id:id name domain industry:enum annualrevenue:decimal numberofemployees:int city country phone:phone',
        to: 'Customer',
        map:
          'name=name domain=website industry=industry annualrevenue=annual_revenue numberofemployees=employee_count ' +
          'city=billing_city country=billing_country phone=phone',
      },
      {
        name: 'deals',
        description: 'Deals from marketing-sourced leads.',
        records: 45_000,
        fields:
          'hs_object_id:id dealname dealstage:enum amount:decimal closedate:date pipeline:enum hubspot_owner_id:ref',
        to: 'Opportunity',
        map: 'dealname=name dealstage=stage amount=amount closedate=close_date',
      },
    ],
  },
  {
    key: 'zendesk',
    name: 'Zendesk Support',
    kind: ServiceKind.SAAS,
    vendor: 'Zendesk',
    category: 'Support',
    ownerTeam: 'customer-care',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.HIGH,
    annualCost: 610_000,
    seats: 900,
    users: 610,
    renewal: '2026-11-30',
    tags: ['support', 'customer-facing', 'gdpr'],
    access: modernSaas(),
    entities: [
      {
        name: 'tickets',
        description: 'Support tickets.',
        records: 4_200_000,
        fields:
          'id:id subject description:text status:enum priority:enum type:enum requester_id:ref assignee_id:ref ' +
          'organization_id:ref via_channel:enum created_at:datetime updated_at:datetime',
        to: 'Ticket',
        map:
          'subject=subject description=description status=status priority=priority requester_id=requester ' +
          'assignee_id=assignee via_channel=channel created_at=opened_at',
      },
      {
        name: 'users',
        description: 'End users and agents.',
        records: 1_900_000,
        fields: 'id:id name:person email:email phone:phone role:enum organization_id:ref time_zone',
        to: 'Contact',
        map: 'email=email phone=phone organization_id=customer',
      },
      {
        name: 'organizations',
        description: 'Customer organizations.',
        records: 260_000,
        fields: 'id:id name domain_names details:text external_id',
        to: 'Customer',
        map: 'name=name',
      },
    ],
  },
  {
    key: 'jira',
    name: 'Jira Software',
    kind: ServiceKind.SAAS,
    vendor: 'Atlassian',
    category: 'Engineering',
    ownerTeam: 'developer-experience',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.HIGH,
    annualCost: 540_000,
    seats: 2600,
    users: 2400,
    renewal: '2026-07-31',
    tags: ['engineering'],
    access: modernSaas(),
    entities: [
      {
        name: 'issues',
        description: 'Issues: stories, bugs, tasks.',
        records: 3_800_000,
        fields:
          'id:id key summary description:text issuetype:enum status:enum priority:enum assignee:ref reporter:ref ' +
          'project:ref duedate:date created:datetime',
        to: 'Task',
        map: 'summary=summary description=description status=status priority=priority assignee=assignee project=project duedate=due_date',
      },
      {
        name: 'projects',
        description: 'Projects.',
        records: 1_400,
        fields: 'id:id key name projectTypeKey:enum lead:ref',
      },
      {
        name: 'users',
        description: 'Atlassian accounts.',
        records: 2_700,
        fields: 'accountId:id displayName:person emailAddress:email active:bool timeZone',
      },
    ],
  },
  {
    key: 'slack',
    name: 'Slack',
    kind: ServiceKind.SAAS,
    vendor: 'Slack',
    category: 'Collaboration',
    ownerTeam: 'workplace-it',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.HIGH,
    annualCost: 780_000,
    seats: 5400,
    users: 5100,
    renewal: '2026-02-28',
    tags: ['collaboration'],
    access: { ...modernSaas(), changeEvents: ChangeEvents.WEBHOOKS, dataStructure: DataStructure.SEMI_STRUCTURED },
    entities: [
      {
        name: 'users',
        description: 'Workspace members.',
        records: 5_400,
        fields:
          'id:id name profile.real_name:person profile.email:email profile.phone:phone profile.title tz is_admin:bool deleted:bool',
        to: 'Employee',
        map: 'profile.email=work_email profile.phone=phone profile.title=job_title',
      },
      {
        name: 'channels',
        description: 'Conversations.',
        records: 21_000,
        fields: 'id:id name topic purpose is_private:bool created:datetime num_members:int',
      },
      {
        name: 'messages',
        description: 'Messages in channels.',
        records: 95_000_000,
        fields: 'ts:id channel:ref user:ref text:text thread_ts',
      },
    ],
  },
  {
    key: 'netsuite',
    name: 'Oracle NetSuite ERP',
    kind: ServiceKind.SAAS,
    vendor: 'Oracle',
    category: 'Finance',
    ownerTeam: 'finance-systems',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MISSION_CRITICAL,
    annualCost: 950_000,
    seats: 400,
    users: 340,
    renewal: '2027-01-31',
    tags: ['finance', 'sox'],
    access: { ...modernSaas(SpecFormat.WSDL), apiStyle: ApiStyle.SOAP, changeEvents: ChangeEvents.NONE },
    systemOfRecord: true,
    entities: [
      {
        name: 'customer',
        description: 'Billing customers.',
        records: 210_000,
        fields:
          'internalId:id entityId companyName email:email phone:phone subsidiary:ref terms:enum creditLimit:decimal balance:decimal currency',
        to: 'Customer',
        map: 'companyName=name phone=phone',
      },
      {
        name: 'invoice',
        description: 'Customer invoices.',
        records: 5_400_000,
        fields:
          'internalId:id tranId entity:ref tranDate:date dueDate:date total:decimal taxTotal:decimal currency status:enum',
        to: 'Invoice',
        map: 'tranId=invoice_number entity=customer tranDate=issue_date dueDate=due_date total=total taxTotal=tax currency=currency status=status',
      },
      {
        name: 'salesOrder',
        description: 'Sales orders.',
        records: 3_900_000,
        fields: 'internalId:id tranId entity:ref tranDate:date status:enum total:decimal currency',
        to: 'Order',
        map: 'tranId=order_number entity=customer tranDate=order_date status=status total=total currency=currency',
      },
      {
        name: 'item',
        description: 'Inventory and service items.',
        records: 4_100,
        fields: 'internalId:id itemId displayName description:text basePrice:decimal isInactive:bool itemType:enum',
        to: 'Product',
        map: 'itemId=sku displayName=name description=description basePrice=unit_price',
      },
      {
        name: 'employee',
        description: 'Employees for expenses and approvals.',
        records: 5_300,
        fields: 'internalId:id firstName:person lastName:person email:email department:ref',
        to: 'Employee',
        map: 'firstName=first_name lastName=last_name email=work_email',
      },
    ],
  },
  {
    key: 'servicenow',
    name: 'ServiceNow ITSM',
    kind: ServiceKind.SAAS,
    vendor: 'ServiceNow',
    category: 'IT',
    ownerTeam: 'workplace-it',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.HIGH,
    annualCost: 690_000,
    seats: 350,
    users: 300,
    renewal: '2026-06-30',
    tags: ['it'],
    access: modernSaas(),
    entities: [
      {
        name: 'incident',
        description: 'IT incidents.',
        records: 870_000,
        fields:
          'sys_id:id number short_description description:text state:enum priority:enum caller_id:ref assigned_to:ref ' +
          'opened_at:datetime closed_at:datetime',
        to: 'Ticket',
        map:
          'short_description=subject description=description state=status priority=priority caller_id=requester ' +
          'assigned_to=assignee opened_at=opened_at closed_at=closed_at',
      },
      {
        name: 'sys_user',
        description: 'Users.',
        records: 5_800,
        fields:
          'sys_id:id user_name first_name:person last_name:person email:email phone:phone title department:ref manager:ref',
        to: 'Employee',
        map: 'first_name=first_name last_name=last_name email=work_email phone=phone title=job_title manager=manager',
      },
      {
        name: 'cmdb_ci',
        description: 'Configuration items.',
        records: 64_000,
        fields: 'sys_id:id name sys_class_name:enum operational_status:enum',
      },
    ],
  },
  {
    key: 'marketo',
    name: 'Adobe Marketo Engage',
    kind: ServiceKind.SAAS,
    vendor: 'Adobe',
    category: 'Marketing',
    ownerTeam: 'marketing-technology',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MEDIUM,
    annualCost: 380_000,
    seats: 60,
    users: 14,
    renewal: '2026-04-30',
    tags: ['marketing', 'gdpr'],
    access: { ...modernSaas(), changeEvents: ChangeEvents.NONE },
    entities: [
      {
        name: 'Lead',
        description: 'Marketing leads.',
        records: 2_300_000,
        fields:
          'id:id firstName:person lastName:person email:email phone:phone company leadSource:enum leadStatus:enum',
        to: 'Lead',
        map: 'firstName=first_name lastName=last_name email=email phone=phone company=company leadSource=source leadStatus=status',
      },
      {
        name: 'Program',
        description: 'Marketing programs.',
        records: 7_800,
        fields: 'id:id name type:enum channel:enum status:enum startDate:date endDate:date',
        to: 'Campaign',
        map: 'name=name type=type status=status startDate=start_date endDate=end_date',
      },
    ],
  },
  {
    key: 'greenhouse',
    name: 'Greenhouse Recruiting',
    kind: ServiceKind.SAAS,
    vendor: 'Greenhouse',
    category: 'HR',
    ownerTeam: 'people-systems',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MEDIUM,
    annualCost: 160_000,
    seats: 250,
    users: 180,
    renewal: '2026-08-31',
    tags: ['hr', 'gdpr'],
    access: modernSaas(),
    entities: [
      {
        name: 'candidates',
        description: 'Job candidates.',
        records: 240_000,
        fields: 'id:id first_name:person last_name:person company title email_addresses:email phone_numbers:phone',
      },
      {
        name: 'applications',
        description: 'Applications to jobs.',
        records: 410_000,
        fields: 'id:id candidate_id:ref job_id:ref status:enum applied_at:datetime',
      },
      {
        name: 'jobs',
        description: 'Open and closed jobs.',
        records: 3_100,
        fields: 'id:id name status:enum departments',
      },
    ],
  },
  {
    key: 'okta',
    name: 'Okta Workforce Identity',
    kind: ServiceKind.SAAS,
    vendor: 'Okta',
    category: 'Identity',
    ownerTeam: 'security-engineering',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MISSION_CRITICAL,
    annualCost: 450_000,
    seats: 5600,
    users: 5400,
    renewal: '2026-10-31',
    tags: ['identity', 'security'],
    access: { ...modernSaas(), changeEvents: ChangeEvents.WEBHOOKS },
    entities: [
      {
        name: 'users',
        description: 'Workforce identities.',
        records: 5_700,
        fields:
          'id:id status:enum profile.login profile.email:email profile.firstName:person profile.lastName:person profile.mobilePhone:phone',
        to: 'Employee',
        map: 'profile.email=work_email profile.firstName=first_name profile.lastName=last_name profile.mobilePhone=phone',
      },
      { name: 'groups', description: 'Groups.', records: 2_400, fields: 'id:id profile.name profile.description:text' },
    ],
  },
  {
    key: WAREHOUSE,
    name: 'Snowflake Data Warehouse',
    kind: ServiceKind.DATA_STORE,
    vendor: 'Snowflake',
    category: 'Data',
    ownerTeam: 'data-platform',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MISSION_CRITICAL,
    annualCost: 1_250_000,
    seats: null,
    users: 1400,
    renewal: '2026-12-31',
    tags: ['data', 'analytics'],
    access: {
      apiStyle: ApiStyle.REST,
      machineReadableSpec: true,
      specFormat: SpecFormat.OPENAPI,
      bulkExport: true,
      changeEvents: ChangeEvents.CDC,
      dataStructure: DataStructure.STRUCTURED,
      authMethod: AuthMethod.OIDC,
    },
    entities: [
      {
        name: 'DIM_CUSTOMER',
        description: 'Customer dimension.',
        records: 520_000,
        fields: 'CUSTOMER_KEY:id:int CUSTOMER_NAME INDUSTRY COUNTRY SEGMENT:enum VALID_FROM:date VALID_TO:date',
      },
      {
        name: 'FCT_ORDERS',
        description: 'Order facts.',
        records: 41_000_000,
        fields: 'ORDER_KEY:id:int CUSTOMER_KEY:int ORDER_DATE:date NET_AMOUNT:decimal CURRENCY',
      },
      {
        name: 'DIM_EMPLOYEE',
        description: 'Employee dimension.',
        records: 9_000,
        fields: 'EMPLOYEE_KEY:id:int DEPARTMENT LOCATION HIRE_DATE:date',
      },
    ],
  },
  {
    key: 'docusign',
    name: 'DocuSign eSignature',
    kind: ServiceKind.SAAS,
    vendor: 'DocuSign',
    category: 'Legal',
    ownerTeam: 'legal-operations',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MEDIUM,
    annualCost: 140_000,
    seats: 300,
    users: 120,
    renewal: '2026-03-31',
    tags: ['legal'],
    access: modernSaas(),
    entities: [
      {
        name: 'envelopes',
        description: 'Envelopes sent for signature.',
        records: 380_000,
        fields: 'envelopeId:id status:enum emailSubject sentDateTime:datetime completedDateTime:datetime',
      },
      {
        name: 'recipients',
        description: 'Signers.',
        records: 900_000,
        fields: 'recipientId:id envelopeId:ref name:person email:email',
        to: 'Contact',
        map: 'email=email',
      },
    ],
  },
  {
    key: 'intercom',
    name: 'Intercom',
    kind: ServiceKind.SAAS,
    vendor: 'Intercom',
    category: 'Support',
    ownerTeam: 'customer-care',
    lifecycle: Lifecycle.ACTIVE,
    criticality: Criticality.MEDIUM,
    annualCost: 210_000,
    seats: 120,
    users: 40,
    renewal: '2026-01-31',
    tags: ['support', 'customer-facing', 'gdpr'],
    access: modernSaas(),
    entities: [
      {
        name: 'contacts',
        description: 'Users and leads in the messenger.',
        records: 800_000,
        fields: 'id:id role:enum email:email name:person phone:phone created_at:datetime',
        to: 'Contact',
        map: 'email=email phone=phone',
      },
      {
        name: 'conversations',
        description: 'Messenger conversations.',
        records: 2_600_000,
        fields: 'id:id state:enum priority:enum source.type:enum created_at:datetime',
        to: 'Ticket',
        map: 'state=status priority=priority source.type=channel created_at=opened_at',
      },
    ],
  },
  {
    key: 'siebel-crm',
    name: 'Siebel CRM (legacy)',
    kind: ServiceKind.INTERNAL,
    vendor: 'Oracle',
    category: 'CRM',
    ownerTeam: 'sales-operations',
    lifecycle: Lifecycle.DEPRECATED,
    criticality: Criticality.MEDIUM,
    annualCost: 820_000,
    seats: 600,
    users: 45,
    renewal: null,
    tags: ['crm', 'legacy', 'gdpr'],
    access: {
      apiStyle: ApiStyle.SOAP,
      machineReadableSpec: false,
      bulkExport: false,
      changeEvents: ChangeEvents.NONE,
      dataStructure: DataStructure.STRUCTURED,
      authMethod: AuthMethod.BASIC,
    },
    entities: [
      {
        name: 'S_ORG_EXT',
        description: 'Accounts.',
        records: 390_000,
        fields: 'ROW_ID:id NAME LOC OU_TYPE_CD MAIN_PH_NUM:phone',
        to: 'Customer',
        map: 'NAME=name MAIN_PH_NUM=phone',
      },
      {
        name: 'S_CONTACT',
        description: 'Contacts.',
        records: 1_400_000,
        fields: 'ROW_ID:id FST_NAME:person LAST_NAME:person EMAIL_ADDR:email WORK_PH_NUM:phone JOB_TITLE',
        to: 'Contact',
        map: 'FST_NAME=first_name LAST_NAME=last_name EMAIL_ADDR=email WORK_PH_NUM=phone JOB_TITLE=job_title',
      },
    ],
  },
  {
    key: 'peoplesoft-hr',
    name: 'PeopleSoft HR (legacy)',
    kind: ServiceKind.INTERNAL,
    vendor: 'Oracle',
    category: 'HR',
    ownerTeam: 'people-systems',
    lifecycle: Lifecycle.RETIRING,
    criticality: Criticality.MEDIUM,
    annualCost: 540_000,
    seats: 200,
    users: 12,
    renewal: null,
    tags: ['hr', 'legacy', 'gdpr'],
    access: {
      apiStyle: ApiStyle.FILE_EXPORT,
      machineReadableSpec: false,
      bulkExport: true,
      changeEvents: ChangeEvents.NONE,
      dataStructure: DataStructure.STRUCTURED,
      authMethod: AuthMethod.BASIC,
    },
    entities: [
      {
        name: 'PS_PERSONAL_DATA',
        description: 'Personal data of employees.',
        records: 14_000,
        fields: 'EMPLID:id NAME:person BIRTHDATE:birth ADDRESS1:address CITY COUNTRY',
        to: 'Employee',
        map: 'EMPLID=employee_number BIRTHDATE=birth_date',
      },
      {
        name: 'PS_JOB',
        description: 'Job data rows.',
        records: 210_000,
        fields: 'EMPLID:ref EFFDT:date DEPTID JOBCODE EMPL_STATUS:enum ANNUAL_RT:decimal',
        to: 'Compensation',
        map: 'ANNUAL_RT=base_pay EFFDT=effective_date',
      },
    ],
  },
  {
    key: 'as400-billing',
    name: 'AS/400 Billing (legacy)',
    kind: ServiceKind.INTERNAL,
    vendor: 'IBM',
    category: 'Finance',
    ownerTeam: 'finance-systems',
    lifecycle: Lifecycle.DEPRECATED,
    criticality: Criticality.HIGH,
    annualCost: 260_000,
    seats: null,
    users: 8,
    renewal: null,
    tags: ['finance', 'legacy', 'sox'],
    access: {
      apiStyle: ApiStyle.FILE_EXPORT,
      machineReadableSpec: false,
      bulkExport: true,
      changeEvents: ChangeEvents.NONE,
      dataStructure: DataStructure.STRUCTURED,
      authMethod: AuthMethod.OTHER,
    },
    entities: [
      {
        name: 'INVHDR',
        description: 'Invoice headers.',
        records: 7_900_000,
        fields: 'INVNO:id CUSTNO INVDT:date DUEDT:date INVAMT:decimal TAXAMT:decimal CURCD',
        to: 'Invoice',
        map: 'INVNO=invoice_number CUSTNO=customer INVDT=issue_date DUEDT=due_date INVAMT=total TAXAMT=tax CURCD=currency',
      },
    ],
  },
];

/** Data flows among the well-known systems: source, target, mechanism. */
export const KNOWN_FLOWS: [string, string, string][] = [
  [SALESFORCE, WAREHOUSE, 'ETL'],
  [WORKDAY, WAREHOUSE, 'ETL'],
  ['netsuite', WAREHOUSE, 'ETL'],
  ['zendesk', WAREHOUSE, 'ETL'],
  ['servicenow', WAREHOUSE, 'ETL'],
  ['jira', WAREHOUSE, 'ETL'],
  ['hubspot', SALESFORCE, 'API'],
  ['marketo', SALESFORCE, 'API'],
  [SALESFORCE, 'marketo', 'API'],
  [SALESFORCE, 'netsuite', 'API'],
  [SALESFORCE, 'zendesk', 'API'],
  [SALESFORCE, 'hubspot', 'API'],
  ['zendesk', SALESFORCE, 'API'],
  ['docusign', SALESFORCE, 'API'],
  ['intercom', 'hubspot', 'API'],
  ['intercom', SALESFORCE, 'API'],
  [WORKDAY, 'okta', 'API'],
  [WORKDAY, 'slack', 'API'],
  [WORKDAY, 'servicenow', 'API'],
  [WORKDAY, 'netsuite', 'FILE'],
  ['okta', 'slack', 'API'],
  ['okta', 'jira', 'API'],
  ['greenhouse', WORKDAY, 'API'],
  ['jira', 'slack', 'EVENT'],
  ['siebel-crm', SALESFORCE, 'ETL'],
  ['siebel-crm', WAREHOUSE, 'FILE'],
  ['peoplesoft-hr', WORKDAY, 'FILE'],
  ['as400-billing', 'netsuite', 'FILE'],
];
