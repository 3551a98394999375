import { describe, expect, it } from 'vitest';
import { groupNotifications } from './notifications.js';

let n = 0;
const note = (type: string, payload: Record<string, unknown>, read = false) => ({
  id: `n${++n}`,
  type,
  payload,
  readAt: read ? '2030-01-01T00:00:00Z' : null,
});

describe('grouping notifications per client and kind', () => {
  it('puts repeats of one kind for one client together, where the newest one was', () => {
    const x = { clientId: 'x', clientName: 'Client X' };
    const items = [
      note('trading.alert_raised', { ...x, kind: 'margin_call' }),
      note('client.mentioned', x),
      note('trading.alert_raised', { ...x, kind: 'margin_call' }, true),
      note('trading.alert_raised', { ...x, kind: 'low_equity' }),
      note('trading.alert_raised', { clientId: 'y', kind: 'margin_call' }),
      note('trading.alert_raised', { ...x, kind: 'margin_call' }),
    ];
    const groups = groupNotifications(items);
    expect(groups.map((g) => g.items.map((i) => i.id))).toEqual([
      [items[0]!.id, items[2]!.id, items[5]!.id],
      [items[1]!.id],
      [items[3]!.id],
      [items[4]!.id],
    ]);
    expect(groups[0]).toMatchObject({
      key: { type: 'trading.alert_raised', clientId: 'x', kind: 'margin_call' },
      unread: 2,
    });
  });

  it('groups notifications about no client by type alone', () => {
    const groups = groupNotifications([
      note('staff.joined_team', { staffName: 'A' }),
      note('staff.joined_team', { staffName: 'B' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.key).toEqual({ type: 'staff.joined_team', clientId: null, kind: null });
  });
});
