import { describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_LIST_COLUMNS, readColumnChoice, toggleColumn } from './client-list.js';

describe('client list column choice', () => {
  it('starts from the default and survives a round trip through storage', () => {
    expect(readColumnChoice(null)).toEqual(DEFAULT_CLIENT_LIST_COLUMNS);
    const chosen = toggleColumn(toggleColumn(readColumnChoice(null), 'balance'), 'source');
    expect(chosen).toContain('balance');
    expect(chosen).not.toContain('source');
    expect(readColumnChoice(JSON.stringify(chosen))).toEqual(chosen);
  });

  it('keeps the list order whatever order columns were switched on', () => {
    const chosen = toggleColumn(toggleColumn([], 'nextTask'), 'phone');
    expect(chosen).toEqual(['phone', 'nextTask']);
  });

  it('ignores unknown or broken stored values; an empty choice stays empty', () => {
    expect(readColumnChoice('{oops')).toEqual(DEFAULT_CLIENT_LIST_COLUMNS);
    expect(readColumnChoice('"balance"')).toEqual(DEFAULT_CLIENT_LIST_COLUMNS);
    expect(readColumnChoice('["balance","shoeSize"]')).toEqual(['balance']);
    expect(readColumnChoice('[]')).toEqual([]);
  });
});
