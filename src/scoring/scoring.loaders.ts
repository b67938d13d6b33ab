import { Injectable } from '@nestjs/common';
import { ScoringService, type ProfileRef, type ScoredEstate } from './scoring.service';

/**
 * Per request: the estate scored once per profile, however many services, fields and candidates
 * the query asks about. Scores depend on the whole estate (peers, other sources), so a service's
 * score is read from the scored estate, never computed alone.
 */
export class ScoringLoaders {
  private readonly estates = new Map<string, Promise<ScoredEstate>>();

  constructor(private readonly scoring: ScoringService) {}

  estate(ref: ProfileRef = {}): Promise<ScoredEstate> {
    const key = `${(ref.name ?? '').toLowerCase()}@${ref.version ?? ''}`;
    let estate = this.estates.get(key);
    if (!estate) {
      estate = this.scoring.profile(ref).then((profile) => this.scoring.scoreEstate(profile));
      this.estates.set(key, estate);
    }
    return estate;
  }
}

@Injectable()
export class ScoringLoaderFactory {
  constructor(private readonly scoring: ScoringService) {}

  create(): ScoringLoaders {
    return new ScoringLoaders(this.scoring);
  }
}
