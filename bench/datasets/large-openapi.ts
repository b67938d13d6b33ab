import { seededRandom } from './random';

/**
 * A large OpenAPI 3.0 document shaped like the big SaaS vendors' published
 * specs (Stripe's has ~1,300 schemas): resources with an `id`, expandable
 * references (`anyOf: [string, $ref]`), nested value objects several levels
 * deep, `allOf` chains, arrays of references, self and mutual (circular)
 * references, enums and free-form metadata maps. Deterministic for a seed.
 */
export function largeOpenApiSpec(schemaCount: number, seed = 7): Record<string, unknown> {
  const next = seededRandom(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const nouns = [
    'account',
    'charge',
    'customer',
    'invoice',
    'payout',
    'refund',
    'subscription',
    'product',
    'price',
    'dispute',
    'transfer',
    'balance',
    'mandate',
    'quote',
    'tax_rate',
    'coupon',
  ];
  const words = [
    'amount',
    'currency',
    'status',
    'description',
    'email',
    'phone',
    'name',
    'country',
    'city',
    'reason',
    'created',
    'livemode',
    'url',
    'label',
    'count',
    'type',
    'code',
    'statement_descriptor',
    'receipt_number',
    'last4',
    'brand',
    'fingerprint',
  ];
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const names = Array.from(
    { length: schemaCount },
    (_, i) => `${nouns[i % nouns.length]}_${Math.floor(i / nouns.length)}`,
  );
  const schemas: Record<string, unknown> = {
    base_object: {
      type: 'object',
      required: ['id', 'object'],
      properties: {
        id: { type: 'string', maxLength: 5000 },
        object: { type: 'string' },
        created: { type: 'integer', format: 'unix-time' },
      },
    },
    address: {
      type: 'object',
      description: 'A postal address.',
      properties: {
        line1: { type: 'string', nullable: true },
        line2: { type: 'string', nullable: true },
        city: { type: 'string' },
        postal_code: { type: 'string' },
        country: { type: 'string' },
      },
    },
    metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 500 } },
    currency: { type: 'string', enum: ['eur', 'gbp', 'sek', 'usd'] },
  };
  const scalar = (): Record<string, unknown> => {
    const r = next();
    if (r < 0.35) return { type: 'string', maxLength: 5000 };
    if (r < 0.5) return { type: 'integer' };
    if (r < 0.6) return { type: 'boolean' };
    if (r < 0.7) return { type: 'string', enum: ['active', 'inactive', 'pending', 'failed'] };
    if (r < 0.8) return { type: 'integer', format: 'unix-time' };
    if (r < 0.9) return ref('currency');
    return { type: 'number' };
  };
  const valueObject = (depth: number): Record<string, unknown> => {
    const properties: Record<string, unknown> = {};
    const size = 3 + Math.floor(next() * 6);
    for (let p = 0; p < size; p++) {
      const name = `${pick(words)}_${p}`;
      properties[name] = depth < 3 && next() < 0.15 ? valueObject(depth + 1) : next() < 0.1 ? ref('address') : scalar();
    }
    return { type: 'object', nullable: next() < 0.5, properties };
  };
  names.forEach((name, i) => {
    const properties: Record<string, unknown> = {};
    const size = 8 + Math.floor(next() * 30);
    for (let p = 0; p < size; p++) {
      const field = `${pick(words)}_${p}`;
      const r = next();
      if (r < 0.12)
        properties[field] = {
          anyOf: [{ type: 'string', maxLength: 5000 }, ref(pick(names))],
          description: 'ID of the object, or the object when expanded.',
        };
      else if (r < 0.17) properties[field] = valueObject(1);
      else if (r < 0.27) properties[field] = { type: 'array', items: ref(pick(names)) };
      else if (r < 0.3) properties[field] = { ...ref('metadata') };
      else properties[field] = scalar();
    }
    properties.parent = { anyOf: [{ type: 'string' }, ref(name)], nullable: true };
    const own = {
      type: 'object',
      description: `The ${name.replace(/_/g, ' ')} object.`,
      properties,
      required: Object.keys(properties).slice(0, 3),
    };
    schemas[name] =
      i % 10 === 0
        ? { allOf: [ref('base_object'), own] }
        : { ...own, properties: { id: { type: 'string' }, ...properties } };
  });
  return {
    openapi: '3.0.0',
    info: { title: `Generated API with ${schemaCount} schemas`, version: '2024-01-01' },
    paths: Object.fromEntries(
      names.slice(0, 200).map((name) => [
        `/v1/${name}s/{id}`,
        {
          get: {
            responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref(name) } } } },
          },
        },
      ]),
    ),
    components: { schemas },
  };
}
