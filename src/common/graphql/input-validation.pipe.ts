import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../errors';
import { validateInput } from '../validation';

/**
 * Validates decorated argument classes and reports every problem with its path
 * from the argument name (e.g. `input.annualCost.currency`, `first`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || !hasValidationRules(type) || value === null || value === undefined) return value;
    // A page of 100 services asks each of its 500 entities for `fields(first: 10)`: the same
    // arguments, validated once and copied after (only flat ones, so that copies share nothing).
    const key = flatKey(type, value, metadata.data);
    const known = key === null ? undefined : validFlatArguments.get(key);
    if (known) return copy(known);
    const { instance, problems } = await validateInput(type as new () => object, value, metadata.data ?? '');
    if (problems.length > 0) throw DomainError.badInput(problems);
    if (key !== null) {
      if (validFlatArguments.size >= MAX_REMEMBERED_ARGUMENTS) validFlatArguments.clear();
      validFlatArguments.set(key, copy(instance));
    }
    return instance;
  }
}

/** Flat arguments (strings, numbers, booleans, nulls) that passed validation, by type and value. */
const validFlatArguments = new Map<string, object>();
const MAX_REMEMBERED_ARGUMENTS = 1000;
const MAX_REMEMBERED_LENGTH = 300;
const typeIds = new WeakMap<object, number>();
let lastTypeId = 0;

const copy = (instance: object): object =>
  Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as object, instance);

function flatKey(type: object, value: unknown, data: string | undefined): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  if (entries.some(([, v]) => v !== null && typeof v === 'object')) return null;
  const json = JSON.stringify(entries);
  if (json.length > MAX_REMEMBERED_LENGTH) return null;
  let id = typeIds.get(type);
  if (id === undefined) typeIds.set(type, (id = ++lastTypeId));
  return `${id}:${data ?? ''}:${json}`;
}

/** The pipe runs for every parameter of every resolved field; the answer per type never changes. */
const rulesByType = new WeakMap<object, boolean>();

function hasValidationRules(type: unknown): boolean {
  if (typeof type !== 'function' || [String, Number, Boolean, Array, Object].includes(type as never)) {
    return false;
  }
  let known = rulesByType.get(type);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    rulesByType.set(type, known);
  }
  return known;
}
