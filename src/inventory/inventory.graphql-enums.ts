import { registerEnumType } from '@nestjs/graphql';
import {
  ApiStyle,
  AuthMethod,
  ChangeEvents,
  Criticality,
  DataStructure,
  ImpactDirection,
  IntegrationFrequency,
  IntegrationMechanism,
  Lifecycle,
  ServiceKind,
  SpecFormat,
  WriteOutcome,
} from './inventory.enums';

registerEnumType(ServiceKind, { name: 'ServiceKind' });
registerEnumType(Lifecycle, { name: 'Lifecycle' });
registerEnumType(Criticality, { name: 'Criticality' });
registerEnumType(ApiStyle, {
  name: 'ApiStyle',
  description: 'How data can be read out of a service, from least to most machine-friendly.',
});
registerEnumType(SpecFormat, { name: 'SpecFormat', description: 'Format of a machine-readable API specification.' });
registerEnumType(ChangeEvents, { name: 'ChangeEvents', description: 'How a service announces changes to its data.' });
registerEnumType(DataStructure, { name: 'DataStructure' });
registerEnumType(AuthMethod, { name: 'AuthMethod' });
registerEnumType(IntegrationMechanism, { name: 'IntegrationMechanism' });
registerEnumType(IntegrationFrequency, { name: 'IntegrationFrequency' });
registerEnumType(WriteOutcome, { name: 'WriteOutcome' });
registerEnumType(ImpactDirection, { name: 'ImpactDirection' });
