import { describe, expect, it } from 'vitest';
import { canSee, type Viewer } from './events.js';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  id: 'u1',
  teamId: 't1',
  scope: 'own',
  permissions: new Set(),
  ...over,
});

describe('canSee', () => {
  it('shows events addressed to the user', () => {
    expect(canSee(viewer(), { audience: { users: ['u1'] } })).toBe(true);
    expect(canSee(viewer(), { audience: { users: ['u2'] } })).toBe(false);
  });

  it('shows team events only to staff whose scope covers the team', () => {
    const event = { audience: { teams: ['t1'] } };
    expect(canSee(viewer({ scope: 'own' }), event)).toBe(false);
    expect(canSee(viewer({ scope: 'team' }), event)).toBe(true);
    expect(canSee(viewer({ scope: 'team', teamId: 't2' }), event)).toBe(false);
  });

  it('shows events by permission, and everything to holders of events.all', () => {
    expect(
      canSee(viewer({ permissions: new Set(['staff.read']) }), { audience: { permissions: ['staff.read'] } }),
    ).toBe(true);
    expect(canSee(viewer(), { audience: { permissions: ['staff.read'] } })).toBe(false);
    expect(canSee(viewer({ permissions: new Set(['events.all']) }), { audience: {} })).toBe(true);
  });

  it('always shows an event that carries a notification for the user', () => {
    expect(canSee(viewer(), { audience: {} }, true)).toBe(true);
    expect(canSee(viewer(), { audience: {} })).toBe(false);
  });
});
