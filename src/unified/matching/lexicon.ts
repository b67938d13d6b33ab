import { EXPANSIONS, PHRASES, RELATED, STOPWORDS, SYNONYMS, VENDOR_PREFIXES, VENDOR_SUFFIXES } from './glossary';
import { appendTo } from '../../common/multimap';
import type { WordNet } from './wordnet';

/** One word of a field or entity name, in base form, with how much it says about the name. */
export interface Token {
  word: string;
  /** The spelling in the name it came from, for reasons. */
  surface: string;
  weight: number;
}

/** How two words relate, strongest first. */
export type Relation = 'same' | 'abbreviation' | 'glossary' | 'wordnet' | 'related' | 'spelling';

export interface WordMatch {
  score: number;
  relation: Relation;
}

const RELATION_SCORE: Record<Relation, number> = {
  same: 1,
  abbreviation: 0.85,
  glossary: 0.9,
  wordnet: 0.7,
  related: 0.55,
  spelling: 0.8,
};

/** A parent segment of a dotted path says less about the field than its last segment. */
const PARENT_WEIGHT = 0.6;
const STOPWORD_WEIGHT = 0.25;
const DIGIT_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.35;
const TOKEN_CACHE_LIMIT = 200_000;
const NO_CONTEXT: ReadonlySet<string> = new Set();
const INFLECTED = /(?:s|ed|ing|er|est)$/;
const MAX_SEGMENTED_LENGTH = 60;

/**
 * Words and how they relate: splits names into base-form words (camelCase, snake_case, dotted
 * paths, vendor affixes, run-together words such as `emailaddress1`), and scores word pairs from
 * the business glossary, WordNet synonyms, abbreviations and spelling.
 */
export class Lexicon {
  private readonly groups = new Map<string, number[]>();
  private readonly relatedGroups = new Map<string, number[]>();
  private readonly domainWords = new Set<string>();
  private readonly segmentCache = new Map<string, string[]>();
  private readonly lemmaCache = new Map<string, string>();
  private readonly matchCache = new Map<string, WordMatch | null>();
  private readonly tokenCache = new Map<string, Token[]>();

  constructor(private readonly wordnet: WordNet) {
    SYNONYMS.forEach((group, i) => group.forEach((w) => appendTo(this.groups, w, i)));
    RELATED.forEach((group, i) => group.forEach((w) => appendTo(this.relatedGroups, w, i)));
    for (const word of [...this.groups.keys(), ...this.relatedGroups.keys(), ...Object.keys(EXPANSIONS), ...STOPWORDS])
      this.domainWords.add(word);
    for (const words of Object.values(EXPANSIONS)) words.forEach((w) => this.domainWords.add(w));
  }

  /** Words of the names being matched: run-together names are split preferring them. */
  learn(words: Iterable<string>): void {
    for (const word of words) if (word.length > 1) this.domainWords.add(word);
    this.segmentCache.clear();
    this.tokenCache.clear();
  }

  /** The raw lowercase words of a name, before expansion and lemmas (used to learn vocabulary). */
  rawWords(name: string): string[] {
    return pathSegments(name).flatMap((segment) => splitWords(segment));
  }

  /**
   * The words of a field or entity name. `contextWords` (the entity's own name) are weighed down:
   * `opportunityid` in Opportunity is mostly an `id`.
   */
  tokens(name: string, contextWords: ReadonlySet<string> = NO_CONTEXT): readonly Token[] {
    let tokens = this.tokenCache.get(name);
    if (!tokens) {
      if (this.tokenCache.size >= TOKEN_CACHE_LIMIT) this.tokenCache.clear();
      tokens = this.tokenize(name);
      this.tokenCache.set(name, tokens);
    }
    return contextWords.size && tokens.some((t) => contextWords.has(t.word)) ? inContext(tokens, contextWords) : tokens;
  }

  private tokenize(name: string): Token[] {
    const segments = pathSegments(name);
    const tokens: Token[] = [];
    segments.forEach((segment, i) => {
      const positional = i === segments.length - 1 ? 1 : PARENT_WEIGHT;
      const words = applyPhrases(
        splitWords(segment).flatMap((w) => this.expand(w)),
        (w) => this.lemma(w),
      );
      let previous: string | undefined;
      for (const surface of words) {
        let word = this.lemma(surface);
        let weight = positional;
        if (/^\d+$/.test(word)) {
          // `line2` is the second line, not any 2: the number stays with the word it numbers
          if (previous) word = `${previous}#${word}`;
          weight *= DIGIT_WEIGHT;
        } else if (STOPWORDS.has(word) || STOPWORDS.has(surface)) weight *= STOPWORD_WEIGHT;
        tokens.push({ word, surface, weight });
        previous = word;
      }
    });
    return tokens;
  }

  /** How the two base-form words relate, or null when they do not. */
  match(a: string, b: string): WordMatch | null {
    if (a === b) return { score: 1, relation: 'same' };
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (this.matchCache.has(key)) return this.matchCache.get(key) ?? null;
    const relation = this.relate(a, b);
    const found = relation && { score: RELATION_SCORE[relation], relation };
    this.matchCache.set(key, found);
    return found;
  }

  lemma(word: string): string {
    let lemma = this.lemmaCache.get(word);
    if (lemma === undefined) {
      lemma = /^\d+$/.test(word) ? word : this.wordnet.lemma(word);
      this.lemmaCache.set(word, lemma);
    }
    return lemma;
  }

  private relate(a: string, b: string): Relation | null {
    const numbered = a.indexOf('#') >= 0 || b.indexOf('#') >= 0;
    if (numbered) {
      const [wordA, numberA] = a.split('#');
      const [wordB, numberB] = b.split('#');
      if (numberA !== numberB || !numberA) return null;
      return wordA === wordB ? 'same' : this.relate(wordA, wordB);
    }
    if (/^\d+$/.test(a) || /^\d+$/.test(b)) return null;
    if (shares(this.groups, a, b)) return 'glossary';
    if (isAbbreviation(a, b) || isAbbreviation(b, a)) return 'abbreviation';
    if (a.length > 2 && b.length > 2) {
      if (this.wordnet.synonyms(a).includes(b) || this.wordnet.synonyms(b).includes(a)) return 'wordnet';
    }
    if (shares(this.relatedGroups, a, b)) return 'related';
    if (Math.min(a.length, b.length) >= 5 && editDistance(a, b) <= (Math.min(a.length, b.length) >= 8 ? 2 : 1))
      return 'spelling';
    return null;
  }

  private expand(raw: string): string[] {
    const expansion = EXPANSIONS[raw];
    if (expansion) return [...expansion];
    if (raw.length < 5 || /\d/.test(raw) || this.isWord(raw)) return [raw];
    return this.segment(raw).flatMap((piece) => EXPANSIONS[piece] ?? [piece]);
  }

  private isWord(piece: string): boolean {
    return this.domainWords.has(piece) || this.domainWords.has(this.lemma(piece)) || this.wordnet.has(piece);
  }

  /** Splits a run-together word (`internalemailaddress`) into the cheapest sequence of known words. */
  private segment(word: string): string[] {
    const cached = this.segmentCache.get(word);
    if (cached) return cached;
    if (word.length > MAX_SEGMENTED_LENGTH) return [word];
    const n = word.length;
    const cost = new Array<number>(n + 1).fill(Infinity);
    const from = new Array<number>(n + 1).fill(0);
    cost[0] = 0;
    for (let end = 1; end <= n; end++) {
      for (let start = Math.max(0, end - 20); start < end; start++) {
        if (cost[start] === Infinity) continue;
        const piece = word.slice(start, end);
        const c = cost[start] + this.pieceCost(piece);
        if (c < cost[end]) {
          cost[end] = c;
          from[end] = start;
        }
      }
    }
    const pieces: string[] = [];
    for (let end = n; end > 0; end = from[end]) pieces.unshift(word.slice(from[end], end));
    const result = pieces.length > 1 && cost[n] < pieces.length * 2 ? pieces : [word];
    this.segmentCache.set(word, result);
    return result;
  }

  private pieceCost(piece: string): number {
    if (this.domainWords.has(piece)) return piece.length <= 2 ? 1.2 : 1;
    if (piece.length >= 3 && this.wordnet.has(piece)) return 1.4;
    // only an inflected form (`employees`, `created`) can be a word through its base form
    if (piece.length >= 4 && INFLECTED.test(piece)) {
      const base = this.wordnet.lemma(piece);
      if (base !== piece) return this.domainWords.has(base) ? 1 : 1.4;
    }
    return 2 + piece.length;
  }
}

/**
 * The entity's own words weigh less in its fields' names, unless they are all the name says
 * (`state` in SequenceState is still about a state).
 */
function inContext(tokens: readonly Token[], contextWords: ReadonlySet<string>): Token[] {
  const onlyContext = tokens.every((t) => contextWords.has(t.word) || STOPWORDS.has(t.word));
  if (onlyContext) return [...tokens];
  return tokens.map((t) => (contextWords.has(t.word) ? { ...t, weight: t.weight * CONTEXT_WEIGHT } : t));
}

/** Path segments of a field name without vendor affixes: `Account.Region__c` → [`Account`, `Region`]. */
function pathSegments(name: string): string[] {
  const cleaned = stripSuffixes(name.trim());
  return cleaned
    .split(/\.|\[\]|\/|:/)
    .map((segment) => stripPrefixes(segment.replace(/^_+|_+$/g, '')))
    .filter((segment) => segment.length > 0);
}

function stripSuffixes(name: string): string {
  let result = name;
  for (const suffix of VENDOR_SUFFIXES) {
    if (result.toLowerCase().endsWith(suffix) && result.length > suffix.length)
      result = result.slice(0, -suffix.length);
  }
  return result;
}

function stripPrefixes(segment: string): string {
  const lower = segment.toLowerCase();
  const prefix = VENDOR_PREFIXES.find((p) => lower.startsWith(p) && segment.length > p.length + 1);
  return prefix ? segment.slice(prefix.length) : segment;
}

/** camelCase, PascalCase, ACRONYMCase, snake_case, kebab-case and digits → lowercase words. */
function splitWords(segment: string): string[] {
  return segment
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function applyPhrases(words: string[], lemma: (word: string) => string): string[] {
  const result: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = PHRASES.find((p) =>
      p.words.every((w, j) => i + j < words.length && (words[i + j] === w || lemma(words[i + j]) === w)),
    );
    if (phrase) {
      result.push(...phrase.means);
      i += phrase.words.length - 1;
    } else result.push(words[i]);
  }
  return result;
}

function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 3 || long.length < short.length + 2 || !long.startsWith(short.slice(0, 2))) return false;
  // every letter of the short form appears in order in the long one (`cmpny` → `company`)
  let j = 0;
  for (const c of long) if (c === short[j]) j++;
  return j === short.length && (long.startsWith(short) || short.length >= 4);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function shares(map: Map<string, number[]>, a: string, b: string): boolean {
  const left = map.get(a);
  const right = map.get(b);
  return !!left && !!right && left.some((g) => right.includes(g));
}
