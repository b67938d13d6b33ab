/** What a token may do. Deny by default: an operation names the permission it needs. */
export enum Role {
  ADMIN = 'ADMIN',
  ARCHITECT = 'ARCHITECT',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}

export enum Permission {
  /** Read anything in the catalog. */
  READ = 'READ',
  /** Register and change services, their data and integrations (editors: of their own team only). */
  WRITE_INVENTORY = 'WRITE_INVENTORY',
  /** Teams and tokens. */
  ADMINISTER = 'ADMINISTER',
  /** Define and publish the unified schema; suggest, confirm and reject mappings onto it. */
  MANAGE_UNIFIED = 'MANAGE_UNIFIED',
  /** Save scoring profiles (weights and thresholds). */
  MANAGE_SCORING = 'MANAGE_SCORING',
  /** Make and re-run migration plans. */
  MANAGE_PLANS = 'MANAGE_PLANS',
}

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  [Role.ADMIN]: [
    Permission.READ,
    Permission.WRITE_INVENTORY,
    Permission.ADMINISTER,
    Permission.MANAGE_UNIFIED,
    Permission.MANAGE_SCORING,
    Permission.MANAGE_PLANS,
  ],
  [Role.ARCHITECT]: [Permission.READ, Permission.MANAGE_UNIFIED, Permission.MANAGE_SCORING, Permission.MANAGE_PLANS],
  [Role.EDITOR]: [Permission.READ, Permission.WRITE_INVENTORY],
  [Role.VIEWER]: [Permission.READ],
};

/** Who is calling. Anonymous callers have no role. */
export interface Actor {
  tokenId: string | null;
  name: string;
  role: Role | null;
  /** Editors act for exactly one team. */
  teamId: string | null;
  teamKey: string | null;
}

export const ANONYMOUS: Actor = { tokenId: null, name: 'anonymous', role: null, teamId: null, teamKey: null };

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.role !== null && ROLE_PERMISSIONS[actor.role].includes(permission);
}

/** Editors are confined to their team; admins are not. Call only after WRITE_INVENTORY was granted. */
export function mayWriteForTeam(actor: Actor, teamId: string): boolean {
  if (actor.role === Role.ADMIN) return true;
  return actor.role === Role.EDITOR && actor.teamId === teamId;
}
