import type { FieldType } from '../../schemas/schema.types';
import type { UnifiedSchemaSpec } from '../unified.types';
import { Bm25 } from './bm25';
import { appendTo } from '../../common/multimap';
import { STOPWORDS } from './glossary';
import type { Lexicon, Relation, Token, WordMatch } from './lexicon';
import type {
  EntityCandidate,
  FieldCandidate,
  FieldSuggestion,
  MatchOptions,
  MatchResult,
  PastMapping,
  SourceEntity,
  SourceField,
} from './match.types';
import { typeAgreement } from './types-agreement';

interface TargetField {
  entity: number;
  name: string;
  type: FieldType | null;
  /** The name's words, then each synonym's. */
  variants: (readonly Token[])[];
  /** The field identifies its entity's records (`id`, `account_id` in Account). */
  identifies: boolean;
}

interface TargetEntity {
  name: string;
  domain: string;
  variants: (readonly Token[])[];
  fields: number[];
}

/** What one source field brings to every comparison: its words, how they relate to the unified schema's, its description. */
interface FieldEvidence {
  tokens: readonly Token[];
  related: Map<string, WordMatch>[];
  descriptions: DescriptionSimilarity | undefined;
}

/** Description similarity in [0, 1] relative to the best-matching unified field, and the fields that share words. */
interface DescriptionSimilarity {
  of(id: number): number;
  ids: number[];
}

interface Scored {
  field: number;
  score: number;
}

const RELATION_LABEL: Record<Relation, string> = {
  same: 'same word',
  abbreviation: 'abbreviation',
  glossary: 'business glossary',
  wordnet: 'WordNet synonym',
  related: 'related term',
  spelling: 'spelling variant',
};

const DEFAULTS = { top: 3, minConfidence: 0.3, acceptConfidence: 0.5 };
/** Weight of description similarity when the source field has a description. */
const DESCRIPTION_WEIGHT = 0.2;
const DESCRIPTION_ALONE = 0.6;
/** Confidence given by a mapping confirmed before for the same name. */
const HISTORY_NAME_CONFIDENCE = 0.97;
const HISTORY_DESCRIPTION_CONFIDENCE = 0.9;
/** A source primary key and a unified field that only says `id`: a good fit whatever the names. */
const IDENTIFIER_CONFIDENCE = 0.8;
const FIELD_CACHE_LIMIT = 100_000;
/** Unified fields compared in full with one source field (the rest are blocked out cheaply). */
const BLOCK_SIZE = 40;
/** Candidates remembered per source field, enough to re-rank by entity fit. */
const KEPT_CANDIDATES = 20;

/**
 * Ranks unified fields for each source field. Built once per unified schema; `match` may be called
 * for many services. Candidates are blocked through an index of the unified schema's words, so the
 * cost grows with the source fields, not with source × unified.
 */
export class SchemaMatcher {
  private readonly fields: TargetField[] = [];
  private readonly entities: TargetEntity[] = [];
  private readonly entityByName = new Map<string, number>();
  private readonly fieldsByWord = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  private readonly maxIdf: number;
  private readonly targetWords: string[];
  private readonly identifierFields: number[];
  private readonly relatedWordsCache = new Map<string, Map<string, WordMatch>>();
  /** Scores by source field signature: estates repeat names (`id`, `created_at`) thousands of times. */
  private readonly fieldCache = new Map<string, Scored[]>();
  private readonly descriptions: Bm25;

  constructor(
    private readonly lexicon: Lexicon,
    schema: UnifiedSchemaSpec,
  ) {
    lexicon.learn(
      schema.entities.flatMap((e) => [
        ...lexicon.rawWords(e.name),
        ...e.fields.flatMap((f) => [f.name, ...(f.synonyms ?? [])].flatMap((n) => lexicon.rawWords(n))),
      ]),
    );
    const documents: string[][] = [];
    for (const entity of schema.entities) {
      const [domain, local] = splitQualified(entity.name);
      const index = this.entities.length;
      const context = new Set(lexicon.tokens(local).map((t) => t.word));
      this.entityByName.set(entity.name, index);
      this.entities.push({
        name: entity.name,
        domain,
        variants: [local, ...(entity.synonyms ?? [])].map((n) => lexicon.tokens(n)),
        fields: [],
      });
      for (const field of entity.fields) {
        const id = this.fields.length;
        const variants = [field.name, ...(field.synonyms ?? [])].map((n) => lexicon.tokens(n, context));
        this.fields.push({
          entity: index,
          name: field.name,
          type: field.type ?? null,
          variants,
          identifies: this.identifies(variants[0], context),
        });
        this.entities[index].fields.push(id);
        const words = new Set(variants.flat().map((t) => t.word));
        for (const word of words) appendTo(this.fieldsByWord, word, id);
        documents.push([...variants.flat().map((t) => t.word), ...this.descriptionWords(field.description ?? '')]);
      }
    }
    const n = Math.max(1, this.fields.length);
    for (const [word, list] of this.fieldsByWord) this.idf.set(word, Math.log(1 + n / list.length));
    this.maxIdf = Math.max(1, ...this.idf.values());
    this.targetWords = [...this.fieldsByWord.keys()];
    this.identifierFields = this.fields.flatMap((f, id) => (f.identifies ? [id] : []));
    this.descriptions = new Bm25(documents);
  }

  private identifies(tokens: readonly Token[], context: ReadonlySet<string>): boolean {
    const meaningful = tokens.filter((t) => !context.has(t.word) && !STOPWORDS.has(t.word));
    return (
      meaningful.length === 1 &&
      ['same', 'glossary'].includes(this.lexicon.match(meaningful[0].word, 'id')?.relation ?? '')
    );
  }

  match(source: readonly SourceEntity[], options: MatchOptions = {}): MatchResult {
    const settings = { ...DEFAULTS, ...options };
    const history = new History(this.lexicon, options.history ?? []);
    const warnings: string[] = [];
    const suggestions: FieldSuggestion[] = [];
    const entitySuggestions: { sourceEntity: string; candidates: EntityCandidate[] }[] = [];

    // Entities not yet mapped: score all unified entities first, then prefer the system's main domain.
    const unmapped = new Map<SourceEntity, Map<number, EntityCandidate>>();
    for (const entity of source) {
      const mapped = entity.mappedTo ? this.entityByName.get(entity.mappedTo) : undefined;
      if (entity.mappedTo && mapped === undefined) {
        warnings.push(`${entity.name}: mappedTo names no unified entity "${entity.mappedTo}"; all entities considered`);
      }
      if (mapped === undefined) unmapped.set(entity, this.rankEntities(entity));
    }
    const domainWeight = this.domainWeights([...unmapped.values()]);

    for (const entity of source) {
      const mapped = entity.mappedTo ? this.entityByName.get(entity.mappedTo) : undefined;
      const context = new Set(this.lexicon.tokens(entity.name).map((t) => t.word));
      let affinity: Map<number, number> | undefined;
      const ranked = unmapped.get(entity);
      if (ranked) {
        const candidates = [...ranked.entries()]
          .map(([index, c]) => ({ index, ...c, confidence: round(c.confidence * domainWeight(index)) }))
          .sort((a, b) => b.confidence - a.confidence);
        const best = candidates[0]?.confidence ?? 0;
        affinity = new Map(candidates.map((c) => [c.index, best > 0 ? c.confidence / best : 0]));
        entitySuggestions.push({
          sourceEntity: entity.name,
          candidates: candidates
            .slice(0, settings.top)
            .map(({ targetEntity, confidence, reasons }) => ({ targetEntity, confidence, reasons })),
        });
      }
      for (const field of entity.fields) {
        suggestions.push(this.suggest(entity, field, context, mapped, affinity, history, settings));
      }
    }
    return { suggestions, entities: entitySuggestions, warnings };
  }

  private suggest(
    entity: SourceEntity,
    field: SourceField,
    context: ReadonlySet<string>,
    mapped: number | undefined,
    affinity: Map<number, number> | undefined,
    history: History,
    settings: Required<Pick<MatchOptions, 'top' | 'minConfidence' | 'acceptConfidence'>> & MatchOptions,
  ): FieldSuggestion {
    const scored = new Map(this.scoreField(field, context, mapped).map((s) => [s.field, s]));
    const learnedReasons = new Map<number, string>();
    for (const learned of history.candidates(field, (e) => mapped === undefined || e === this.entities[mapped].name)) {
      const id = this.fieldId(learned.targetEntity, learned.targetField);
      if (id === undefined) continue;
      learnedReasons.set(id, learned.reason);
      scored.set(id, { field: id, score: Math.max(scored.get(id)?.score ?? 0, learned.confidence) });
    }
    const rejected = settings.isRejected;
    let evidence: FieldEvidence | undefined;
    const candidates: FieldCandidate[] = [...scored.values()]
      .map((s) => {
        const weight = affinity ? 0.55 + 0.45 * (affinity.get(this.fields[s.field].entity) ?? 0) : 1;
        return { field: s.field, confidence: round(Math.min(1, s.score * weight)) };
      })
      .filter((s) => s.confidence >= settings.minConfidence)
      .filter((s) => !rejected?.(entity.name, field.name, this.entityOf(s.field), this.fields[s.field].name))
      .sort(
        (a, b) => b.confidence - a.confidence || this.fields[a.field].name.length - this.fields[b.field].name.length,
      )
      .slice(0, settings.top)
      .map((s) => ({
        targetEntity: this.entityOf(s.field),
        targetField: this.fields[s.field].name,
        confidence: s.confidence,
        reasons: [
          ...(learnedReasons.has(s.field) ? [learnedReasons.get(s.field) as string] : []),
          ...this.explain(field, (evidence ??= this.evidence(field, context)), s.field),
          ...(affinity?.get(this.fields[s.field].entity) === 1
            ? [`${this.entityOf(s.field)} is the unified entity this entity fits best`]
            : []),
        ].filter((r, i, all) => all.indexOf(r) === i),
      }));
    const best = candidates[0]?.confidence ?? 0;
    const matched = best >= settings.acceptConfidence;
    return {
      sourceEntity: entity.name,
      sourceField: field.name,
      candidates,
      matched,
      ...(matched
        ? {}
        : {
            note: candidates.length
              ? `no unified field fits well: the best scores ${best.toFixed(2)}, below ${settings.acceptConfidence}`
              : 'no unified field shares a word, synonym or description with this field',
          }),
    };
  }

  /** Name, type and description evidence for each plausible unified field. */
  private scoreField(field: SourceField, context: ReadonlySet<string>, mapped: number | undefined): Scored[] {
    const key = [
      mapped ?? '',
      [...context].join(' '),
      field.name,
      field.type ?? '',
      field.description ?? '',
      field.identifier ? 'id' : '',
    ].join('\u0000');
    const cached = this.fieldCache.get(key);
    if (cached) return cached;
    if (this.fieldCache.size >= FIELD_CACHE_LIMIT) this.fieldCache.clear();
    const result = this.scoreFieldUncached(field, context, mapped);
    this.fieldCache.set(key, result);
    return result;
  }

  private scoreFieldUncached(field: SourceField, context: ReadonlySet<string>, mapped: number | undefined): Scored[] {
    const { tokens, related, descriptions } = this.evidence(field, context);
    const pool =
      mapped !== undefined
        ? this.entities[mapped].fields
        : [
            ...new Set([
              ...this.block(tokens, related, descriptions),
              ...(field.identifier ? this.identifierFields : []),
            ]),
          ];
    const scored: Scored[] = [];
    for (const id of pool) {
      const target = this.fields[id];
      let score = field.identifier && target.identifies ? IDENTIFIER_CONFIDENCE : 0;
      for (const variant of target.variants) score = Math.max(score, this.align(tokens, variant, related).score);
      if (descriptions) {
        const similarity = descriptions.of(id);
        // a name that says nothing (`txt_01`) leaves the description to speak alone, at a lower ceiling
        score = Math.max(
          (1 - DESCRIPTION_WEIGHT) * score + DESCRIPTION_WEIGHT * similarity,
          DESCRIPTION_ALONE * similarity,
        );
      }
      score *= typeAgreement(field.type ?? null, target.type).factor;
      if (score > 0.05) scored.push({ field: id, score });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, KEPT_CANDIDATES);
  }

  private evidence(field: SourceField, context: ReadonlySet<string>): FieldEvidence {
    const tokens = this.lexicon.tokens(field.name, context);
    const related = tokens.map((t) => this.relatedTargetWords(t.word));
    return { tokens, related, descriptions: this.describe(field, tokens) };
  }

  private describe(field: SourceField, tokens: readonly Token[]): DescriptionSimilarity | undefined {
    if (!field.description) return undefined;
    const scores = this.descriptions.search([
      ...tokens.map((t) => t.word),
      ...this.descriptionWords(field.description),
    ]);
    const best = Math.max(0, ...scores.values());
    if (best === 0) return undefined;
    return { of: (id) => (scores.get(id) ?? 0) / best, ids: [...scores.keys()] };
  }

  /** The reasons behind one candidate, in words. */
  private explain(field: SourceField, { tokens, related, descriptions }: FieldEvidence, id: number): string[] {
    const target = this.fields[id];
    let best = { score: -1, reasons: [] as string[] };
    for (const variant of target.variants) {
      const aligned = this.align(tokens, variant, related, true);
      if (aligned.score > best.score) best = aligned;
    }
    const reasons = [...best.reasons];
    if (field.identifier && target.identifies) reasons.push('both identify their records');
    const similarity = descriptions?.of(id) ?? 0;
    if (similarity >= 0.5) reasons.push(`description matches (${similarity.toFixed(2)} of the best)`);
    const agreement = typeAgreement(field.type ?? null, target.type);
    if (agreement.reason) reasons.push(agreement.reason);
    return reasons;
  }

  /**
   * How well two names' words cover each other: each source word's best match in the target
   * and each target word's best match in the source, weighed by how telling each word is.
   */
  private align(
    source: readonly Token[],
    target: readonly Token[],
    related?: Map<string, WordMatch>[],
    explain = false,
  ): { score: number; reasons: string[] } {
    if (!source.length || !target.length) return { score: 0, reasons: [] };
    const sameName = source.length === target.length && source.every((t, i) => t.word === target[i].word);
    if (sameName) return { score: 1, reasons: [`same name once normalised (${source.map((t) => t.word).join(' ')})`] };
    const bestForTarget = new Array<number>(target.length).fill(0);
    const notes: string[] = [];
    let forward = 0;
    let forwardWeight = 0;
    source.forEach((s, i) => {
      let best = 0;
      let bestIndex = -1;
      let relation: Relation | undefined;
      target.forEach((t, j) => {
        const m = related ? related[i].get(t.word) : this.lexicon.match(s.word, t.word);
        if (!m) return;
        if (m.score > best) {
          best = m.score;
          bestIndex = j;
          relation = m.relation;
        }
        if (m.score > bestForTarget[j]) bestForTarget[j] = m.score;
      });
      const weight = s.weight * this.informativeness(s.word);
      forward += weight * best;
      forwardWeight += weight;
      if (explain && bestIndex >= 0 && relation && s.weight >= 0.5) {
        const t = target[bestIndex];
        notes.push(
          relation === 'same' ? `'${s.surface}'` : `'${s.surface}' ≈ '${t.surface}' (${RELATION_LABEL[relation]})`,
        );
      }
    });
    let backward = 0;
    let backwardWeight = 0;
    target.forEach((t, j) => {
      const weight = t.weight * this.informativeness(t.word);
      backward += weight * bestForTarget[j];
      backwardWeight += weight;
    });
    const score = 0.5 * (forward / forwardWeight) + 0.5 * (backward / backwardWeight);
    return { score, reasons: notes.length ? [`name words: ${notes.join(', ')}`] : [] };
  }

  private informativeness(word: string): number {
    const idf = this.idf.get(word);
    return idf === undefined ? 1 : 0.4 + (0.6 * idf) / this.maxIdf;
  }

  /**
   * Unified fields worth a full comparison: those that share a word, a related word or description
   * words with the source field, best first by a cheap sum of word evidence, at most BLOCK_SIZE.
   */
  private block(
    tokens: readonly Token[],
    related: Map<string, WordMatch>[],
    descriptions: DescriptionSimilarity | undefined,
  ): number[] {
    const evidence = new Map<number, number>();
    tokens.forEach((token, i) => {
      for (const [word, m] of related[i]) {
        const gain = token.weight * this.informativeness(word) * m.score;
        for (const id of this.fieldsByWord.get(word) ?? []) evidence.set(id, (evidence.get(id) ?? 0) + gain);
      }
    });
    for (const id of descriptions?.ids ?? []) evidence.set(id, (evidence.get(id) ?? 0) + (descriptions?.of(id) ?? 0));
    if (evidence.size <= BLOCK_SIZE) return [...evidence.keys()];
    return [...evidence.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, BLOCK_SIZE)
      .map(([id]) => id);
  }

  /** The unified schema's words that relate to the word, with how. */
  private relatedTargetWords(word: string): Map<string, WordMatch> {
    let related = this.relatedWordsCache.get(word);
    if (!related) {
      related = new Map();
      for (const t of this.targetWords) {
        const m = this.lexicon.match(word, t);
        if (m) related.set(t, m);
      }
      this.relatedWordsCache.set(word, related);
    }
    return related;
  }

  private rankEntities(entity: SourceEntity): Map<number, EntityCandidate> {
    const context = new Set(this.lexicon.tokens(entity.name).map((t) => t.word));
    const fieldBest = new Map<number, number>();
    for (const field of entity.fields) {
      const perEntity = new Map<number, number>();
      for (const s of this.scoreField(field, context, undefined)) {
        const e = this.fields[s.field].entity;
        perEntity.set(e, Math.max(perEntity.get(e) ?? 0, s.score));
      }
      for (const [e, score] of perEntity) fieldBest.set(e, (fieldBest.get(e) ?? 0) + (score >= 0.6 ? score : 0));
    }
    const tokens = this.lexicon.tokens(entity.name);
    const result = new Map<number, EntityCandidate>();
    this.entities.forEach((target, index) => {
      let name = { score: 0, reasons: [] as string[] };
      for (const variant of target.variants) {
        const aligned = this.align(tokens, variant, undefined, true);
        if (aligned.score > name.score) name = aligned;
      }
      const coverage = entity.fields.length ? (fieldBest.get(index) ?? 0) / entity.fields.length : 0;
      const confidence = 0.4 * name.score + 0.6 * coverage;
      if (confidence <= 0) return;
      const reasons = [...name.reasons];
      if (coverage > 0) reasons.push(`fields fit: ${Math.round(coverage * 100)}% of ${entity.fields.length}`);
      result.set(index, { targetEntity: target.name, confidence, reasons });
    });
    return result;
  }

  /**
   * A system's entities mostly land in one domain of the unified schema (`crm.*`): entities of the
   * domain that fits the system best are preferred over same-named entities of other domains.
   */
  private domainWeights(ranked: Map<number, EntityCandidate>[]): (entity: number) => number {
    const totals = new Map<string, number>();
    for (const candidates of ranked) {
      const bestPerDomain = new Map<string, number>();
      for (const [index, c] of candidates) {
        const domain = this.entities[index].domain;
        bestPerDomain.set(domain, Math.max(bestPerDomain.get(domain) ?? 0, c.confidence));
      }
      for (const [domain, score] of bestPerDomain) totals.set(domain, (totals.get(domain) ?? 0) + score);
    }
    const best = Math.max(0, ...totals.values());
    if (totals.size < 2 || best === 0) return () => 1;
    return (entity) => 0.75 + (0.25 * (totals.get(this.entities[entity].domain) ?? 0)) / best;
  }

  private entityOf(field: number): string {
    return this.entities[this.fields[field].entity].name;
  }

  private fieldId(entity: string, field: string): number | undefined {
    const index = this.entityByName.get(entity);
    if (index === undefined) return undefined;
    return this.entities[index].fields.find((id) => this.fields[id].name === field);
  }

  private descriptionWords(text: string): string[] {
    return (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? [])
      .filter((w) => !STOPWORDS.has(w) && !ENGLISH_STOPWORDS.has(w))
      .map((w) => this.lexicon.lemma(w));
  }
}

/** Confirmed mappings, looked up by the normalised name and description of a field. */
class History {
  private readonly byName = new Map<string, Map<string, PastMapping[]>>();
  private readonly byDescription = new Map<string, Map<string, PastMapping[]>>();

  constructor(
    private readonly lexicon: Lexicon,
    mappings: readonly PastMapping[],
  ) {
    for (const m of mappings) {
      const target = `${m.targetEntity}\u0000${m.targetField}`;
      add(this.byName, this.nameKey(m.sourceField), target, m);
      if (m.sourceDescription) add(this.byDescription, descriptionKey(m.sourceDescription), target, m);
    }
  }

  candidates(
    field: SourceField,
    allowed: (entity: string) => boolean,
  ): { targetEntity: string; targetField: string; confidence: number; reason: string }[] {
    const found = new Map<string, { targetEntity: string; targetField: string; confidence: number; reason: string }>();
    const collect = (index: Map<string, PastMapping[]> | undefined, confidence: number, what: string): void => {
      for (const [, examples] of index ?? []) {
        const { targetEntity, targetField } = examples[0];
        if (!allowed(targetEntity)) continue;
        const key = `${targetEntity}.${targetField}`;
        if (found.has(key)) continue;
        const example = examples[0].sourceEntity
          ? `${examples[0].sourceEntity}.${examples[0].sourceField}`
          : examples[0].sourceField;
        const times = examples.length > 1 ? ` ${examples.length} times` : '';
        found.set(key, {
          targetEntity,
          targetField,
          confidence,
          reason: `confirmed before${times} for the same ${what} (e.g. ${example})`,
        });
      }
    };
    collect(this.byName.get(this.nameKey(field.name)), HISTORY_NAME_CONFIDENCE, 'name');
    if (field.description)
      collect(this.byDescription.get(descriptionKey(field.description)), HISTORY_DESCRIPTION_CONFIDENCE, 'description');
    return [...found.values()];
  }

  private nameKey(name: string): string {
    return this.lexicon
      .tokens(name)
      .map((t) => t.word)
      .join(' ');
  }
}

const ENGLISH_STOPWORDS = new Set([
  'this',
  'that',
  'which',
  'with',
  'from',
  'are',
  'was',
  'were',
  'will',
  'can',
  'its',
  'it',
  'as',
  'at',
  'on',
  'if',
  'not',
  'when',
  'who',
  'whose',
  'any',
  'all',
  'each',
  'used',
]);

function descriptionKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function add(map: Map<string, Map<string, PastMapping[]>>, key: string, target: string, m: PastMapping): void {
  if (!key) return;
  let targets = map.get(key);
  if (!targets) map.set(key, (targets = new Map<string, PastMapping[]>()));
  appendTo(targets, target, m);
}

function splitQualified(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : ['', name];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
