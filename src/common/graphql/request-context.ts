import type { Request } from 'express';
import type { InventoryLoaders } from '../../inventory/inventory.loaders';

/** What every resolver can reach through `@Context()`; built fresh for each request. */
export interface RequestContext {
  req: Request;
  loaders: InventoryLoaders;
}
