/** Where a mapping stands: suggested by the matcher, or decided by an architect. */
export enum MappingStatus {
  SUGGESTED = 'SUGGESTED',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

/** Vocabularies enforced by CHECK constraints of the same name; a test keeps them in step. */
export const MAPPING_CHECKED_VOCABULARIES: Record<string, Record<string, string>> = {
  chk_entity_mapping_status: MappingStatus,
  chk_field_mapping_status: MappingStatus,
};
