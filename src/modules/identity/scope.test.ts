import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canSeeClient } from './scope.js';
import { ROLE_PERMISSIONS, ROLE_SCOPE, ROLES, PERMISSIONS, permissionsOf } from './permissions.js';
import type { Viewer } from '../../core/events.js';

const ids = ['a', 'b', 'c'];
const teams = ['t1', 't2', null];

describe('record scope', () => {
  it('own: only clients they manage; team: also their team; all: everything', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom(...teams),
        fc.constantFrom(...ids, null),
        fc.constantFrom(...teams),
        fc.constantFrom('own' as const, 'team' as const, 'all' as const),
        (me, myTeam, managerId, clientTeam, scope) => {
          const viewer: Viewer = { id: me, teamId: myTeam, scope, permissions: new Set() };
          const visible = canSeeClient(viewer, { managerId, teamId: clientTeam });
          const expected =
            scope === 'all' ||
            managerId === me ||
            (scope === 'team' && myTeam !== null && clientTeam === myTeam);
          expect(visible).toBe(expected);
        },
      ),
    );
  });

  it('gives every role a scope and only known permissions; only admins see every event', () => {
    for (const role of ROLES) {
      expect(['own', 'team', 'all']).toContain(ROLE_SCOPE[role]);
      for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
      expect(permissionsOf(role).has('events.all')).toBe(role === 'admin');
    }
    expect(ROLE_SCOPE.sales_manager).toBe('own');
    expect(ROLE_SCOPE.team_lead).toBe('team');
    expect(ROLE_SCOPE.admin).toBe('all');
  });
});
