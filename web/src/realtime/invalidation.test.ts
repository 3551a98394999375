import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import { keysForEvent } from './invalidation';
import type { DomainEvent } from './messages';

const event = (
  type: string,
  subjectType: string | null = null,
  subjectId: string | null = null,
): DomainEvent => ({
  id: 1,
  type,
  subjectType,
  subjectId,
  actorId: null,
  payload: {},
  createdAt: '2026-12-06T00:00:00.000Z',
});

describe('keysForEvent', () => {
  it('refreshes the client list and card for a client event', () => {
    expect(keysForEvent(event('client.updated', 'client', 'c1'), null)).toEqual([
      queryKeys.audit,
      queryKeys.clientLists,
      queryKeys.client('c1'),
    ]);
  });

  it('refreshes presence, the list and the card for a client going online', () => {
    expect(keysForEvent(event('trading.client_online', 'client', 'c1'), null)).toEqual([
      queryKeys.audit,
      queryKeys.onlineClients,
      queryKeys.clientLists,
      queryKeys.onlineCount,
      queryKeys.tradingClient('c1'),
      queryKeys.client('c1'),
    ]);
  });

  it('refreshes staff and teams, and the profile when the event is about the viewer', () => {
    expect(keysForEvent(event('staff.updated', 'staff', 'u1'), 'u1')).toEqual([
      queryKeys.audit,
      queryKeys.staff,
      queryKeys.teams,
      queryKeys.me,
    ]);
    expect(keysForEvent(event('team.lead_removed', 'team', 't1'), 'u1')).toEqual([
      queryKeys.audit,
      queryKeys.staff,
      queryKeys.teams,
    ]);
  });

  it('refreshes only the audit trail for an audit-only or an unknown type', () => {
    expect(keysForEvent(event('clients.exported'), null)).toEqual([queryKeys.audit]);
    expect(keysForEvent(event('from.a_newer_server'), null)).toEqual([queryKeys.audit]);
  });
});
