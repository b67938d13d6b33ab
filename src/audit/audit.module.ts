import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log';
import { AuditResolver, ServiceHistoryResolver } from './audit.resolver';
import { DenialRecorder } from './denial-recorder.filter';

export const AUDIT_RESOLVERS = [AuditResolver, ServiceHistoryResolver];

@Module({
  providers: [AuditLog, AuditEventRepository, ...AUDIT_RESOLVERS, { provide: APP_FILTER, useClass: DenialRecorder }],
  exports: [AuditLog],
})
export class AuditModule {}
