import { describe, expect, it } from 'vitest';
import { countByKind, groupTimeline, timelineKindOf, typeFilterOf } from './timeline.js';

let nextId = 1;
const ev = (type: string, actorKind = 'system') => ({ id: nextId++, type, actorKind });
const comment = () => ev('client.comment_added', 'staff');
const margin = () => ev('trading.margin_call');
const shape = (rows: ReturnType<typeof groupTimeline<ReturnType<typeof ev>>>) =>
  rows.map((r) => ('group' in r ? `group(${r.group.length})` : r.entry.type));

describe('timeline kinds', () => {
  it('gives every event type one kind, unknown ones system', () => {
    expect(timelineKindOf('client.comment_added')).toBe('comments');
    expect(timelineKindOf('trading.margin_call')).toBe('trading');
    expect(timelineKindOf('trading.alert_raised')).toBe('alerts');
    expect(timelineKindOf('client.email_sent')).toBe('emails');
    expect(timelineKindOf('client.cabinet_login')).toBe('system');
    expect(timelineKindOf('something.new')).toBe('system');
  });

  it('filters by listing kinds, or by leaving out the others when system is chosen', () => {
    const only = typeFilterOf(['comments']);
    expect(only).toEqual({ include: expect.arrayContaining(['client.comment_added', 'client.task_done']) });
    expect('include' in only && only.include).not.toContain('trading.margin_call');
    const withSystem = typeFilterOf(['system', 'alerts']);
    expect('exclude' in withSystem && withSystem.exclude).toContain('trading.margin_call');
    expect('exclude' in withSystem && withSystem.exclude).not.toContain('trading.alert_raised');
  });

  it('counts per kind from counts per type', () => {
    const counts = countByKind([
      { type: 'trading.margin_call', count: 7 },
      { type: 'trading.client_online', count: 2 },
      { type: 'client.comment_added', count: 1 },
      { type: 'whatever.else', count: 3 },
    ]);
    expect(counts).toMatchObject({ trading: 9, comments: 1, system: 3, alerts: 0 });
  });
});

describe('grouping automated trading events', () => {
  it('collapses a run of three or more into one group and keeps comments between runs visible', () => {
    const items = [comment(), margin(), margin(), margin(), margin(), comment(), margin(), margin()];
    expect(shape(groupTimeline(items))).toEqual([
      'client.comment_added',
      'group(4)',
      'client.comment_added',
      'trading.margin_call',
      'trading.margin_call',
    ]);
  });

  it('keeps the order inside a group and a run at the very end', () => {
    const items = [comment(), ev('trading.client_online'), margin(), ev('trading.client_offline')];
    const rows = groupTimeline(items);
    expect(shape(rows)).toEqual(['client.comment_added', 'group(3)']);
    const group = rows[1] as { group: { id: number }[] };
    expect(group.group.map((g) => g.id)).toEqual(items.slice(1).map((i) => i.id));
  });

  it('does not group what a person did, nor alerts', () => {
    const opened = ev('trading.account_opened', 'staff');
    const alert = ev('trading.alert_raised');
    const items = [margin(), margin(), opened, margin(), alert, margin(), margin()];
    expect(shape(groupTimeline(items))).toEqual([
      'trading.margin_call',
      'trading.margin_call',
      'trading.account_opened',
      'trading.margin_call',
      'trading.alert_raised',
      'trading.margin_call',
      'trading.margin_call',
    ]);
    expect(shape(groupTimeline(items, 2))).toEqual([
      'group(2)',
      'trading.account_opened',
      'trading.margin_call',
      'trading.alert_raised',
      'group(2)',
    ]);
  });
});
