/** Okapi BM25 over small documents (a unified field's name, synonyms and description). */
export class Bm25 {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private averageLength = 0;

  constructor(
    documents: readonly string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    documents.forEach((words, id) => {
      this.lengths.push(words.length);
      for (const word of words) {
        let posting = this.postings.get(word);
        if (!posting) this.postings.set(word, (posting = new Map<number, number>()));
        posting.set(id, (posting.get(id) ?? 0) + 1);
      }
    });
    this.averageLength = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, this.lengths.length);
  }

  /** Scores of the documents that share a word with the query, by document id. */
  search(query: readonly string[]): Map<number, number> {
    const scores = new Map<number, number>();
    const n = this.lengths.length;
    for (const word of new Set(query)) {
      const posting = this.postings.get(word);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, frequency] of posting) {
        const norm = frequency + this.k1 * (1 - this.b + (this.b * this.lengths[id]) / (this.averageLength || 1));
        scores.set(id, (scores.get(id) ?? 0) + (idf * frequency * (this.k1 + 1)) / norm);
      }
    }
    return scores;
  }
}
