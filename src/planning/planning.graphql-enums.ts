import { registerEnumType } from '@nestjs/graphql';
import { ReportFormat, RiskKind } from './plan.types';

registerEnumType(RiskKind, { name: 'MigrationRiskKind' });
registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: 'MARKDOWN, HTML (self-contained, with SVG charts), CSV (one row per service) or JSON.',
});
