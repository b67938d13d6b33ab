import type { Caller } from '../audit/audit-log';
import { Role } from '../auth/roles';

/** The CLI runs with the database's own authority: whoever can run it can read ESTATE_DATA_DIR or DATABASE_URL. */
export const CLI_CALLER: Caller = {
  actor: { tokenId: null, name: 'estate CLI', role: Role.ADMIN, teamId: null, teamKey: null },
  requestId: null,
};
