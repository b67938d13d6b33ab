import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/pagination';
import { DateScalar } from '../common/graphql/scalars';
import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  Lifecycle,
  ServiceKind,
  SpecFormat,
  WriteOutcome,
} from './inventory.enums';
import type { SoftwareServiceEntity } from './software-service.entity';

@ObjectType({ description: 'An amount of money. `amount` is a decimal string, never a float.' })
export class Money {
  @Field({ description: 'Decimal with up to two fraction digits, e.g. "125000.00".' })
  amount: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currency: string;
}

@ObjectType()
export class Link {
  @Field()
  title: string;

  @Field()
  url: string;
}

@ObjectType({ description: 'How the data of a service can be reached. Null means unknown, not "no".' })
export class DataAccessProfile {
  @Field(() => ApiStyle, { nullable: true })
  apiStyle: ApiStyle | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the API has a machine-readable specification.' })
  machineReadableSpec: boolean | null;

  @Field(() => SpecFormat, { nullable: true })
  specFormat: SpecFormat | null;

  @Field(() => Boolean, { nullable: true })
  bulkExport: boolean | null;

  @Field(() => ChangeEvents, { nullable: true })
  changeEvents: ChangeEvents | null;

  @Field(() => DataStructure, { nullable: true })
  dataStructure: DataStructure | null;

  @Field(() => AuthMethod, { nullable: true })
  authMethod: AuthMethod | null;

  @Field(() => Int, { nullable: true })
  rateLimitPerMinute: number | null;
}

@ObjectType('Service', { description: 'One piece of software in the estate.' })
export class ServiceModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique, case-insensitive key (like a Backstage entity name).' })
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => ServiceKind)
  kind: ServiceKind;

  @Field(() => String, { nullable: true })
  vendor: string | null;

  @Field(() => String, { nullable: true, description: 'Category or business capability.' })
  category: string | null;

  ownerTeamId: string;

  @Field(() => Lifecycle)
  lifecycle: Lifecycle;

  @Field(() => Criticality, { nullable: true })
  criticality: Criticality | null;

  @Field(() => Money, { nullable: true })
  annualCost: Money | null;

  @Field(() => Int, { nullable: true })
  licensedSeats: number | null;

  @Field(() => Int, { nullable: true })
  monthlyActiveUsers: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'monthlyActiveUsers / licensedSeats; null when either is unknown or there are no seats.',
  })
  seatUtilisation: number | null;

  @Field(() => DateScalar, { nullable: true })
  contractRenewalDate: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => [Link])
  links: Link[];

  @Field(() => DataAccessProfile)
  dataAccess: DataAccessProfile;

  @Field()
  version: number;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true, description: 'Set while the service is soft-deleted.' })
  deletedAt: Date | null;

  static from(this: void, e: SoftwareServiceEntity): ServiceModel {
    const seats = e.licensedSeats;
    const active = e.monthlyActiveUsers;
    return Object.assign(new ServiceModel(), {
      id: e.id,
      key: e.key,
      name: e.name,
      description: e.description,
      kind: e.kind as ServiceKind,
      vendor: e.vendor,
      category: e.category,
      ownerTeamId: e.ownerTeamId,
      lifecycle: e.lifecycle as Lifecycle,
      criticality: e.criticality as Criticality | null,
      annualCost:
        e.annualCostAmount !== null && e.annualCostCurrency !== null
          ? { amount: e.annualCostAmount, currency: e.annualCostCurrency }
          : null,
      licensedSeats: seats,
      monthlyActiveUsers: active,
      seatUtilisation: seats && active !== null ? Math.round((active / seats) * 10_000) / 10_000 : null,
      contractRenewalDate: e.contractRenewalDate,
      tags: e.tags,
      links: e.links,
      dataAccess: {
        apiStyle: e.apiStyle as ApiStyle | null,
        machineReadableSpec: e.machineReadableSpec,
        specFormat: e.specFormat as SpecFormat | null,
        bulkExport: e.bulkExport,
        changeEvents: e.changeEvents as ChangeEvents | null,
        dataStructure: e.dataStructure as DataStructure | null,
        authMethod: e.authMethod as AuthMethod | null,
        rateLimitPerMinute: e.rateLimitPerMinute,
      },
      version: e.version,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      deletedAt: e.deletedAt,
    });
  }
}

@ObjectType()
export class ServiceConnection extends Connection(ServiceModel, 'Service') {}

@ObjectType()
export class UpsertServicePayload {
  @Field(() => ServiceModel)
  service: ServiceModel;

  @Field(() => WriteOutcome)
  outcome: WriteOutcome;
}

@ObjectType()
export class ImpactedService {
  @Field(() => ServiceModel)
  service: ServiceModel;

  @Field(() => Int, { description: 'Number of integrations between the start and this service (shortest).' })
  distance: number;

  @Field(() => [String], { description: 'Service keys from the start to this service, both included.' })
  path: string[];
}
