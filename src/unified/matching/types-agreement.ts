import { FieldType } from '../../schemas/schema.types';

/** Types whose values convert into each other without loss of meaning. */
const FAMILIES: readonly (readonly FieldType[])[] = [
  [FieldType.STRING, FieldType.TEXT, FieldType.ENUM],
  [FieldType.INTEGER, FieldType.DECIMAL],
  [FieldType.DATE, FieldType.DATETIME],
  [FieldType.REFERENCE, FieldType.STRING, FieldType.INTEGER],
  [FieldType.BOOLEAN, FieldType.ENUM],
];

export interface TypeAgreement {
  /** Multiplies the name evidence: 1 when the types agree or are unknown. */
  factor: number;
  reason?: string;
}

export function typeAgreement(source: FieldType | null, target: FieldType | null): TypeAgreement {
  if (!source || !target) return { factor: 1 };
  if (source === target) return { factor: 1, reason: `types agree (${source})` };
  if (target === FieldType.JSON || target === FieldType.TEXT)
    return { factor: 0.97, reason: `${source} fits ${target}` };
  if (FAMILIES.some((family) => family.includes(source) && family.includes(target)))
    return { factor: 0.97, reason: `types compatible (${source} → ${target})` };
  return { factor: 0.75, reason: `types differ (${source} → ${target})` };
}
