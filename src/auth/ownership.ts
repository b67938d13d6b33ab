import { Role, type Actor } from './roles';

/** A team as the ownership rules need it. */
export interface TeamRef {
  id: string;
  key: string;
}

/**
 * Why `actor` may not write a service that is to be owned by `target` and is
 * now owned by `current` (null: the service is new). Null when allowed.
 * Editors write their own team's services only, and never move one to another team.
 */
export function serviceWriteRefusal(actor: Actor, target: TeamRef, current: TeamRef | null): string | null {
  if (actor.role === Role.ADMIN) return null;
  if (actor.role !== Role.EDITOR) return `role ${actor.role ?? 'anonymous'} may not change services`;
  if (current && current.id !== actor.teamId) {
    return `service belongs to team "${current.key}"; editors of team "${actor.teamKey}" change their own team's services only`;
  }
  if (current && target.id !== current.id) return 'editors may not move a service to another team';
  if (target.id !== actor.teamId) {
    return `editors of team "${actor.teamKey}" register services of their own team only (not "${target.key}")`;
  }
  return null;
}

/**
 * Why `actor` may not record or remove an integration between services owned
 * by `source` and `target`. An integration describes a data flow out of or into
 * a service, so a team may declare the flows of its own services — it must own
 * at least one end. Flows between two other teams' services are theirs to declare.
 */
export function integrationWriteRefusal(actor: Actor, source: TeamRef, target: TeamRef): string | null {
  if (actor.role === Role.ADMIN) return null;
  if (actor.role !== Role.EDITOR) return `role ${actor.role ?? 'anonymous'} may not change integrations`;
  if (source.id === actor.teamId || target.id === actor.teamId) return null;
  return `neither end belongs to team "${actor.teamKey}" (source: "${source.key}", target: "${target.key}")`;
}
