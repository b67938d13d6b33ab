import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requires } from '../auth/access.decorators';
import { Permission } from '../auth/roles';
import { decodeCursor } from '../common/cursor';
import { PageArgs, toConnection } from '../common/graphql/pagination';
import { ServiceModel } from '../inventory/service.model';
import { AuditEventRepository, type AuditListFilter } from './audit-event.repository';
import { AuditEventConnection, AuditEventModel, AuditEventsArgs } from './audit.model';

const AUDIT_ORDER = 'OCCURRED_AT_DESC';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(private readonly events: AuditEventRepository) {}

  @Query(() => AuditEventConnection, { description: 'The audit trail, newest first.' })
  @Requires(Permission.READ)
  auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    return this.connection({ ...args.filter }, args.first, args.after);
  }

  async connection(filter: AuditListFilter, first: number, after?: string): Promise<AuditEventConnection> {
    const cursor = after ? decodeCursor(after, AUDIT_ORDER, 'timestamptz') : undefined;
    const page = await this.events.page(filter, first, AUDIT_ORDER, cursor);
    return toConnection(page, AuditEventModel.from, () => this.events.count(filter));
  }
}

@Resolver(() => ServiceModel)
export class ServiceHistoryResolver {
  constructor(private readonly audit: AuditResolver) {}

  @ResolveField(() => AuditEventConnection, { description: 'Changes to this service, newest first.' })
  history(@Parent() service: ServiceModel, @Args() args: PageArgs): Promise<AuditEventConnection> {
    return this.audit.connection({ targetType: 'service', targetKey: service.key }, args.first, args.after);
  }
}
