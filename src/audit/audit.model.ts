import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import GraphQLJSON from 'graphql-type-json';
import { Connection, PageArgs } from '../common/graphql/pagination';
import type { AuditEventEntity } from './audit-event.entity';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  DENIED = 'DENIED',
}
registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

@ObjectType('AuditEvent', { description: 'A committed change, or a refused write. Immutable.' })
export class AuditEventModel {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { nullable: true, description: 'The token that acted; null for ESTATE_ADMIN_TOKEN and the CLI.' })
  actorTokenId: string | null;

  @Field()
  actorName: string;

  @Field({
    description:
      'e.g. service.create, service.update, service.delete, integration.create, token.revoke, unified.publish',
  })
  action: string;

  @Field(() => AuditOutcome)
  outcome: AuditOutcome;

  @Field({ description: 'service, team, integration, token, unified_schema, mapping or operation' })
  targetType: string;

  @Field()
  targetKey: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Changed fields: { field: { before, after } }.' })
  changes: Record<string, { before: unknown; after: unknown }> | null;

  @Field(() => String, { nullable: true, description: 'Why a write was refused.' })
  reason: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => ID, { nullable: true, description: 'Shared by the events of one bulk import.' })
  importId: string | null;

  static from(this: void, e: AuditEventEntity): AuditEventModel {
    return Object.assign(new AuditEventModel(), {
      id: e.id,
      occurredAt: e.occurredAt,
      actorTokenId: e.actorTokenId,
      actorName: e.actorName,
      action: e.action,
      outcome: e.outcome as AuditOutcome,
      targetType: e.targetType,
      targetKey: e.targetKey,
      changes: e.changes,
      reason: e.reason,
      requestId: e.requestId,
      importId: e.importId,
    });
  }
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventModel, 'AuditEvent') {}

@InputType({ description: 'All given conditions must hold.' })
export class AuditEventFilter {
  @Field({ nullable: true, description: 'service, team, integration, token, unified_schema, mapping or operation' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  targetType?: string;

  @Field({ nullable: true, description: 'Case-insensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  targetKey?: string;

  @Field({ nullable: true, description: 'Actor name (case-insensitive) or token id.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @Field({ nullable: true, description: 'e.g. service.update' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field(() => AuditOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(AuditOutcome)
  outcome?: AuditOutcome;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  importId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  since?: Date;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  until?: Date;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilter)
  filter?: AuditEventFilter;
}
