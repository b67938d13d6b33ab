import type { ServiceDescription } from './service-record';
import type { SoftwareServiceEntity } from './software-service.entity';

/** A stored service in the API's terms (the owner team given by key). */
export function describeService(entity: SoftwareServiceEntity, ownerTeamKey: string): ServiceDescription {
  return {
    key: entity.key,
    name: entity.name,
    description: entity.description,
    kind: entity.kind,
    vendor: entity.vendor,
    category: entity.category,
    ownerTeam: ownerTeamKey,
    lifecycle: entity.lifecycle,
    criticality: entity.criticality,
    annualCost:
      entity.annualCostAmount !== null && entity.annualCostCurrency !== null
        ? { amount: entity.annualCostAmount, currency: entity.annualCostCurrency }
        : null,
    licensedSeats: entity.licensedSeats,
    monthlyActiveUsers: entity.monthlyActiveUsers,
    contractRenewalDate: entity.contractRenewalDate,
    tags: entity.tags,
    links: entity.links,
    dataAccess: {
      apiStyle: entity.apiStyle,
      machineReadableSpec: entity.machineReadableSpec,
      specFormat: entity.specFormat,
      bulkExport: entity.bulkExport,
      changeEvents: entity.changeEvents,
      dataStructure: entity.dataStructure,
      authMethod: entity.authMethod,
      rateLimitPerMinute: entity.rateLimitPerMinute,
    },
  };
}

/**
 * Applies a patch: a field left out (undefined) keeps its value, null clears it.
 * `dataAccess` merges field by field; lists and money are replaced whole.
 */
export function applyPatch(current: ServiceDescription, patch: Partial<ServiceDescription>): ServiceDescription {
  const merged: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || field === 'dataAccess') continue;
    merged[field] = value;
  }
  if (patch.dataAccess === null) {
    merged.dataAccess = null;
  } else if (patch.dataAccess) {
    const access: Record<string, unknown> = { ...(current.dataAccess ?? {}) };
    for (const [field, value] of Object.entries(patch.dataAccess)) {
      if (value !== undefined) access[field] = value;
    }
    merged.dataAccess = access;
  }
  return merged as unknown as ServiceDescription;
}
