import type { SourceEntity } from '../../src/unified/matching/match.types';
import type { UnifiedSchemaSpec } from '../../src/unified/unified.types';
import { seededRandom } from './random';

/** Business words field names are made of, in the spellings systems use. */
const SUBJECTS = [
  'account',
  'company',
  'customer',
  'contact',
  'person',
  'employee',
  'worker',
  'user',
  'owner',
  'manager',
  'ticket',
  'case',
  'order',
  'invoice',
  'payment',
  'product',
  'item',
  'campaign',
  'lead',
  'deal',
  'opportunity',
  'project',
  'task',
  'file',
  'folder',
  'department',
  'team',
  'vendor',
  'supplier',
  'contract',
];
const ATTRIBUTES = [
  'id',
  'name',
  'email',
  'phone',
  'status',
  'type',
  'amount',
  'currency',
  'created',
  'updated',
  'deleted',
  'date',
  'time',
  'description',
  'title',
  'code',
  'number',
  'count',
  'total',
  'price',
  'quantity',
  'street',
  'city',
  'state',
  'country',
  'postal code',
  'website',
  'industry',
  'source',
  'stage',
  'priority',
  'size',
  'first name',
  'last name',
  'birth date',
  'salary',
  'tax',
  'discount',
  'due date',
  'start date',
  'end date',
];
const QUALIFIERS = ['', '', '', 'primary', 'billing', 'shipping', 'home', 'work', 'last', 'external', 'parent'];
const PREFIXES = ['', '', '', '', 'hs_', 'cf_', 'x_'];
const SUFFIXES = ['', '', '', '', '__c'];

type Style = (words: string[]) => string;
const STYLES: Style[] = [
  (w) => w.join('_'),
  (w) => w.map((x, i) => (i ? x[0].toUpperCase() + x.slice(1) : x)).join(''),
  (w) => w.map((x) => x[0].toUpperCase() + x.slice(1)).join(''),
  (w) => w.join(''),
];

/**
 * A unified schema of `entities` × `fieldsPerEntity` fields and `services` source systems with
 * `entitiesPerService` × `fieldsPerEntity` fields each, named the way real systems name them
 * (camelCase, snake_case, run-together, vendor affixes). Deterministic for a seed.
 */
export function mappingEstate(options: {
  entities: number;
  fieldsPerEntity: number;
  services: number;
  entitiesPerService: number;
  sourceFieldsPerEntity: number;
  seed?: number;
}): { unified: UnifiedSchemaSpec; services: SourceEntity[][] } {
  const random = seededRandom(options.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const words = (): string[] => {
    const qualifier = pick(QUALIFIERS);
    return [
      ...(qualifier ? [qualifier] : []),
      ...(random() < 0.4 ? [pick(SUBJECTS)] : []),
      ...pick(ATTRIBUTES).split(' '),
    ];
  };
  const unified: UnifiedSchemaSpec = { entities: [] };
  for (let e = 0; e < options.entities; e++) {
    const subject = SUBJECTS[e % SUBJECTS.length];
    const names = new Set<string>();
    while (names.size < options.fieldsPerEntity) names.add(words().join('_'));
    unified.entities.push({
      name: `domain${Math.floor(e / SUBJECTS.length)}.${subject[0].toUpperCase()}${subject.slice(1)}`,
      fields: [...names].map((name) => ({ name })),
    });
  }
  const services: SourceEntity[][] = [];
  for (let s = 0; s < options.services; s++) {
    const entities: SourceEntity[] = [];
    for (let e = 0; e < options.entitiesPerService; e++) {
      const names = new Set<string>();
      while (names.size < options.sourceFieldsPerEntity)
        names.add(pick(PREFIXES) + pick(STYLES)(words()) + pick(SUFFIXES));
      entities.push({ name: `${pick(SUBJECTS)}${e}`, fields: [...names].map((name) => ({ name })) });
    }
    services.push(entities);
  }
  return { unified, services };
}
