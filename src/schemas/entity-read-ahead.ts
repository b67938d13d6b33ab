import type { GraphQLResolveInfo } from 'graphql';
import { precompute } from '../common/graphql/precomputed';
import { selectedField } from '../common/graphql/selection';
import type { ServiceModel } from '../inventory/service.model';
import { planEntities } from './entity-selection';
import type { SchemaLoaders } from './schema.loaders';

/**
 * For a page of services being resolved (`info` is the page's field): when the selection asks each
 * for `entities { … }` in a way one statement can answer (see planEntities), reads it for the whole
 * page now and gives it to each service, so that no `entities` resolver runs. Otherwise does nothing,
 * and each service's resolver answers as ever.
 */
export async function readAheadEntities(
  services: ServiceModel[],
  info: GraphQLResolveInfo,
  loaders: SchemaLoaders,
): Promise<void> {
  const selected = services.length > 0 ? selectedField(info, ['edges', 'node', 'entities']) : null;
  const plan = selected && planEntities(selected.nodes, selected.type, selected.args, info);
  if (!plan) return;
  const connections = await loaders.entityConnections(plan).loadMany(services.map((service) => service.id));
  services.forEach((service, i) => {
    const connection = connections[i];
    if (!(connection instanceof Error)) precompute(service, 'entities', connection);
  });
}
