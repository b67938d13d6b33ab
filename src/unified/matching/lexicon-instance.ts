import { Lexicon } from './lexicon';
import { WordNet } from './wordnet';

let shared: Lexicon | undefined;

/** One lexicon per process: WordNet's index is read once and its caches serve every matcher. */
export function sharedLexicon(): Lexicon {
  shared ??= new Lexicon(WordNet.fromPackage());
  return shared;
}
