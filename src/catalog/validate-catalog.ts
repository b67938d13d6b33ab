import { validateInput } from '../common/validation';
import { IntegrationInput } from '../inventory/integration.input';
import { ServiceInput } from '../inventory/service.input';
import { crossFieldProblems } from '../inventory/service-record';
import { TeamInput } from '../inventory/team.input';
import { schemaProblems } from '../schemas/change-set';
import type { CatalogBundle, CatalogItem } from './catalog-bundle';
import type { PlacedMessage } from './catalog-source';

/**
 * Checks every declared team, service, integration and schema as Estate checks any input of that
 * kind (the same classes and rules as the GraphQL inputs), each problem at the place in the file
 * of the field it is about. What needs the database (owners, services named but not declared) is
 * checked when the catalog is written.
 */
export async function catalogProblems(bundle: CatalogBundle): Promise<PlacedMessage[]> {
  const problems: PlacedMessage[] = [];
  const check = async <T extends object>(
    items: CatalogItem<unknown>[],
    type: new () => T,
    extra?: (v: T) => { path: string; message: string }[],
  ) => {
    for (const item of items) {
      const { instance, problems: found } = await validateInput(type, item.value);
      if (!found.length && extra) found.push(...extra(instance));
      problems.push(...found.map((p) => ({ place: item.at(p.path), message: messageOf(item, p.path, p.message) })));
    }
  };
  await check(bundle.teams, TeamInput);
  await check(bundle.services, ServiceInput, (service) => crossFieldProblems(service, ''));
  await check(bundle.integrations, IntegrationInput, (integration) =>
    integration.source.toLowerCase() === integration.target.toLowerCase()
      ? [{ path: 'target', message: 'an integration connects two different services' }]
      : [],
  );
  for (const schema of bundle.schemas) {
    problems.push(
      ...schemaProblems(schema.value.entities).map((p) => ({
        place: schema.at(p.path),
        message: messageOf(schema, p.path, p.message),
      })),
    );
  }
  return problems;
}

/**
 * class-validator's messages start with the property's name; they name the field as the file does
 * (`type`, `estate.dev/licensed-seats`), or by its whole path when it is nested.
 */
function messageOf(item: CatalogItem<unknown>, path: string, message: string): string {
  const property = path.split(/[.[]/).pop() ?? '';
  const name = item.label?.(path) ?? path;
  if (!message.startsWith(`${property} `)) return `${name}: ${message}`;
  return `${name}${message.slice(property.length)}`;
}
