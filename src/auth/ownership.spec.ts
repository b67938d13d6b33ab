import { integrationWriteRefusal, serviceWriteRefusal } from './ownership';
import { Role, type Actor } from './roles';

const sales = { id: 't-sales', key: 'sales' };
const hr = { id: 't-hr', key: 'hr' };
const admin: Actor = { tokenId: 'a', name: 'admin', role: Role.ADMIN, teamId: null, teamKey: null };
const salesEditor: Actor = { tokenId: 'e', name: 'sales ci', role: Role.EDITOR, teamId: sales.id, teamKey: 'sales' };
const viewer: Actor = { tokenId: 'v', name: 'viewer', role: Role.VIEWER, teamId: null, teamKey: null };

describe('serviceWriteRefusal', () => {
  it.each([
    ['admin creates for any team', admin, hr, null, null],
    ['admin moves a service', admin, hr, sales, null],
    ['editor creates for own team', salesEditor, sales, null, null],
    ['editor updates own service', salesEditor, sales, sales, null],
    ['editor creates for another team', salesEditor, hr, null, /own team only/],
    ['editor updates another team’s service', salesEditor, hr, hr, /belongs to team "hr"/],
    ['editor takes over another team’s service', salesEditor, sales, hr, /belongs to team "hr"/],
    ['editor gives away own service', salesEditor, hr, sales, /may not move/],
    ['viewer writes', viewer, sales, null, /role VIEWER/],
  ] as const)('%s', (_, actor, target, current, expected) => {
    const refusal = serviceWriteRefusal(actor, target, current);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });
});

describe('integrationWriteRefusal', () => {
  it('lets an editor declare flows into and out of its own services, not between two others', () => {
    expect(integrationWriteRefusal(salesEditor, sales, hr)).toBeNull();
    expect(integrationWriteRefusal(salesEditor, hr, sales)).toBeNull();
    expect(integrationWriteRefusal(salesEditor, hr, { id: 't-fin', key: 'finance' })).toMatch(/neither end/);
    expect(integrationWriteRefusal(admin, hr, hr)).toBeNull();
    expect(integrationWriteRefusal(viewer, sales, sales)).toMatch(/role VIEWER/);
  });
});
