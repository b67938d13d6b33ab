import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from './graphql/scalars';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** ISO 4217 code, upper case, known to the runtime's ICU data. */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 4217 currency code such as EUR or USD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && CURRENCIES.has(value) },
    });
}

/** Non-negative decimal with at most 12 integer and 2 fraction digits (fits numeric(14,2)). */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'must be a non-negative decimal string with at most 2 fraction digits, e.g. "125000.00"',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^\d{1,12}(\.\d{1,2})?$/.test(value) },
    });
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as PostgreSQL's uuid type accepts it (checked before it reaches SQL). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const KEY_MESSAGE = 'must be 1-63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit';
