import { FieldType, PiiClass } from './schema.types';

export interface PiiVerdict {
  piiClass: PiiClass;
  reason: string;
}

/** Splits `workEmail`, `Mailing_Street`, `person.legalName.givenName` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface Rule {
  piiClass: PiiClass;
  /** Word sequences that mark the class when they appear in the field name. */
  names: string[][];
  /** Phrases that mark the class when they appear in the description. */
  phrases?: RegExp;
  types?: FieldType[];
}

const w = (...phrases: string[]) => phrases.map((p) => p.split(' '));

/** Checked in order: the first rule that matches decides (e.g. "email address" is EMAIL, not an address). */
const RULES: Rule[] = [
  { piiClass: PiiClass.EMAIL, names: w('email', 'e mail', 'mail address'), phrases: /\be-?mail\b/i },
  {
    piiClass: PiiClass.IP_ADDRESS,
    names: w('ip', 'ip address', 'ipv4', 'ipv6', 'remote addr'),
    phrases: /\bip address\b/i,
  },
  {
    piiClass: PiiClass.PAYMENT_CARD,
    names: w('card number', 'credit card', 'pan', 'cvv', 'cvc', 'card last4'),
    phrases: /\b(credit|debit|payment) card\b/i,
  },
  {
    piiClass: PiiClass.BANK_ACCOUNT,
    names: w('iban', 'bank account', 'bank account number', 'routing number', 'sort code'),
    phrases: /\b(iban|bank account)\b/i,
  },
  {
    piiClass: PiiClass.NATIONAL_ID,
    names: w(
      'ssn',
      'social security',
      'national id',
      'national identifier',
      'national insurance',
      'nino',
      'passport',
      'tax identification',
      'personal id',
      'id card',
      'drivers license',
      'driver license',
    ),
    phrases: /\b(social security|national (id|identification)|passport)\b/i,
  },
  {
    piiClass: PiiClass.BIRTH_DATE,
    names: w('birth', 'birthdate', 'birthday', 'dob', 'date of birth'),
    phrases: /\b(date of birth|birth ?date|birthday)\b/i,
  },
  {
    piiClass: PiiClass.PHONE,
    names: w('phone', 'telephone', 'mobile', 'cell', 'fax', 'msisdn', 'tel'),
    phrases: /\b(phone|telephone|mobile) number\b/i,
  },
  {
    piiClass: PiiClass.POSTAL_ADDRESS,
    names: w('street', 'address', 'postal code', 'postcode', 'zip', 'zip code', 'address line'),
    phrases: /\b(postal|mailing|street|home) address\b/i,
  },
  {
    piiClass: PiiClass.GEOLOCATION,
    names: w('latitude', 'longitude', 'geo location', 'geolocation', 'gps'),
    phrases: /\b(gps|geolocation|latitude)\b/i,
  },
  {
    piiClass: PiiClass.PERSON_NAME,
    names: w(
      'first name',
      'last name',
      'given name',
      'family name',
      'middle name',
      'full name',
      'surname',
      'forename',
      'firstname',
      'lastname',
      'fullname',
      'display name',
      'maiden name',
    ),
    phrases: /\b(person|employee|contact|customer)'?s? (full |first |last )?name\b/i,
  },
];

/** Entities whose plain `name` field is a person's name. */
const PERSON_ENTITIES = new Set([
  'contact',
  'lead',
  'person',
  'people',
  'user',
  'users',
  'worker',
  'employee',
  'employees',
  'candidate',
  'applicant',
  'member',
  'customer',
  'patient',
  'student',
  'individual',
]);

/** Source types that say what a value is: JSON Schema formats (`string(email)`) and SQL types (`inet`). */
const DECLARED_FORMATS: [RegExp, PiiClass][] = [
  [/\((e-?mail|idn-email)\)$/i, PiiClass.EMAIL],
  [/\((ipv4|ipv6|ip)\)$|^(inet|cidr)$/i, PiiClass.IP_ADDRESS],
  [/\((phone|tel)\)$/i, PiiClass.PHONE],
];

/** `emails` → `email`, `addresses` → `address`: list fields name their items in the plural. */
function singular(word: string): string {
  return word.replace(/(ss|x)es$/, '$1').replace(/([^s])s$/, '$1');
}

function containsSequence(words: string[], sequence: string[]): boolean {
  outer: for (let i = 0; i + sequence.length <= words.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (words[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Guesses the kind of personal data a field holds from its name (the last part
 * of a dotted path weighs like the rest), its description and its entity, and
 * says why. Null when nothing suggests personal data.
 */
export function classifyPii(
  field: { name: string; description?: string | null; type?: FieldType | null; sourceType?: string | null },
  entityName: string,
): PiiVerdict | null {
  const declared = DECLARED_FORMATS.find(([pattern]) => pattern.test(field.sourceType ?? ''));
  if (declared) return { piiClass: declared[1], reason: `declared type "${field.sourceType}"` };
  // A yes/no holds no one's email or name, whatever it is called (`HasOptedOutOfEmail`).
  if (field.type === FieldType.BOOLEAN) return null;
  const words = nameWords(field.name).map(singular);
  for (const rule of RULES) {
    const hit = rule.names.find((sequence) => containsSequence(words, sequence));
    if (hit) return { piiClass: rule.piiClass, reason: `name "${field.name}" contains "${hit.join(' ')}"` };
  }
  const last = words[words.length - 1];
  if (last === 'name' && words.length === 1 && PERSON_ENTITIES.has(entityName.toLowerCase())) {
    return { piiClass: PiiClass.PERSON_NAME, reason: `"name" of a ${entityName} is a person's name` };
  }
  const description = field.description ?? '';
  for (const rule of RULES) {
    const match = rule.phrases?.exec(description);
    if (match) return { piiClass: rule.piiClass, reason: `description mentions "${match[0]}"` };
  }
  return null;
}
