import { enumMember } from '../../common/enums';
import { FieldType, PiiClass, type EntitySpec, type FieldSpec } from '../schema.types';
import { asObject, optionalString, parseDocument, requiredString, scalarText, unknownKeys } from './document';
import { SchemaImportError, type ImportedSchema, type ImportMessage } from './import.types';

/**
 * Estate's own format, the one the mapping matcher reads:
 * `{ "entities": [ { "name", "description"?, "recordCount"?, "mappedTo"?, "fields": [ { "name",
 * "type"?, "sourceType"?, "description"?, "nullable"?, "identifier"?, "enum"?,
 * "referenceTarget"?, "isArray"?, "piiClass"? } ] } ] }` — JSON or YAML.
 * Every problem is reported with its JSON pointer.
 */
export function importEstateJson(content: string): ImportedSchema {
  const document = asObject(parseDocument(content));
  const list = document?.entities;
  if (!Array.isArray(list))
    throw new SchemaImportError([{ pointer: '/entities', message: 'must be a list of entities' }]);
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const entities: EntitySpec[] = [];
  list.forEach((raw, i) => {
    const at = `/entities/${i}`;
    const entity = asObject(raw);
    if (!entity) return errors.push({ pointer: at, message: 'must be an object' });
    const name = requiredString(entity.name, `${at}/name`, errors);
    const fields = entity.fields;
    if (!Array.isArray(fields)) return errors.push({ pointer: `${at}/fields`, message: 'must be a list of fields' });
    const recordCount = entity.recordCount;
    if (recordCount !== undefined && recordCount !== null && typeof recordCount !== 'number') {
      errors.push({ pointer: `${at}/recordCount`, message: 'must be a number' });
    }
    entities.push({
      name: name ?? '',
      description: optionalString(entity.description, `${at}/description`, errors),
      recordCount: typeof recordCount === 'number' ? recordCount : null,
      mappedTo: optionalString(entity.mappedTo, `${at}/mappedTo`, errors),
      fields: fields.map((f, j) => field(f, `${at}/fields/${j}`, errors)),
    });
    unknownKeys(entity, ['name', 'description', 'recordCount', 'mappedTo', 'fields'], at, warnings);
  });
  if (errors.length) throw new SchemaImportError(errors.slice(0, 100));
  return { entities, warnings, source: 'Estate JSON' };
}

function field(raw: unknown, at: string, errors: ImportMessage[]): FieldSpec {
  const f = asObject(raw);
  if (!f) {
    errors.push({ pointer: at, message: 'must be an object' });
    return { name: '' };
  }
  const spec: FieldSpec = {
    name: requiredString(f.name, `${at}/name`, errors) ?? '',
    sourceType: optionalString(f.sourceType, `${at}/sourceType`, errors),
    description: optionalString(f.description, `${at}/description`, errors),
    referenceTarget: optionalString(f.referenceTarget, `${at}/referenceTarget`, errors),
  };
  if (f.type !== undefined && f.type !== null) {
    const type = scalarText(f.type).toUpperCase();
    spec.type = enumMember(FieldType, type);
    if (!spec.type) {
      if (typeof f.type === 'string') spec.sourceType ??= f.type;
      else errors.push({ pointer: `${at}/type`, message: 'must be a string' });
    }
  }
  for (const flag of ['nullable', 'identifier', 'isArray'] as const) {
    if (f[flag] === undefined || f[flag] === null) continue;
    if (typeof f[flag] === 'boolean') spec[flag] = f[flag];
    else errors.push({ pointer: `${at}/${flag}`, message: 'must be true or false' });
  }
  const values = f.enum ?? f.enumValues;
  if (values !== undefined && values !== null) {
    if (Array.isArray(values) && values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
      spec.enumValues = values.map(String);
    } else
      errors.push({
        pointer: `${at}/${f.enum !== undefined ? 'enum' : 'enumValues'}`,
        message: 'must be a list of values',
      });
  }
  if (f.piiClass !== undefined && f.piiClass !== null) {
    const pii = scalarText(f.piiClass).toUpperCase();
    spec.piiClass = enumMember(PiiClass, pii);
    if (!spec.piiClass)
      errors.push({ pointer: `${at}/piiClass`, message: `must be one of ${Object.values(PiiClass).join(', ')}` });
  }
  return spec;
}
