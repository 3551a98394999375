import { accountRow, historyRow, parseRows } from './account.js';
import type { AccountBook } from './book.js';
import { elsewhere } from './leadership.js';
import type { Market } from './market.js';
import type { EventOutbox, SimLog } from './outbox.js';
import { MARKET_ROW, type SimStorage } from './store.js';

export interface PersistenceDeps {
  book: AccountBook;
  outbox: EventOutbox;
  market: Market;
  log: SimLog;
  /** False while another instance runs the simulator: then nothing loads or saves here. */
  leading: () => boolean;
}

/**
 * Loading the stored accounts once per term, and saving what changed. Saves never overlap, and a save
 * started in an earlier term (before the lock was lost) never writes.
 */
export class SimPersistence {
  /** True once the accounts of this term are in memory. */
  loaded = false;
  private saveChain: Promise<void> = Promise.resolve();
  private loading?: Promise<void>;
  /** Bumped when a term ends: a load or save started in an earlier term must not take effect. */
  private epoch = 0;

  constructor(
    public storage: SimStorage,
    private readonly deps: PersistenceDeps,
  ) {}

  /** Reads the stored accounts once. Sessions that were open stay open and report a heartbeat. */
  load(): Promise<void> {
    const { book, outbox, market, log } = this.deps;
    if (!this.deps.leading()) return Promise.reject(elsewhere());
    this.loading ??= (async () => {
      const epoch = this.epoch;
      const rows = await this.storage.loadAll();
      if (epoch !== this.epoch) throw elsewhere();
      const marketRow = rows.find((r) => r.login === MARKET_ROW);
      if (marketRow && typeof marketRow.state.prices === 'object' && marketRow.state.prices)
        market.restore(marketRow.state.prices as Record<string, unknown>);
      const parsed = parseRows(rows, (login, err) =>
        log.warn({ login, err }, 'unreadable simulator account row skipped'),
      ).sort(
        (x, y) =>
          x.account.createdAt.localeCompare(y.account.createdAt) ||
          Number(x.account.login) - Number(y.account.login),
      );
      for (const { account, outbox: pending } of parsed) {
        book.add(account);
        outbox.restore(account.login, pending);
      }
      this.loaded = true;
      // The platform came back: its open sessions are still there, so presence is rebuilt at once.
      for (const acc of book.accounts.values()) if (acc.online) book.emit(acc, { type: 'heartbeat' });
    })();
    return this.loading;
  }

  /** Writes every changed account (and the prices). Saves never overlap; only the lock holder saves. */
  save(): Promise<void> {
    const { book, outbox, market } = this.deps;
    if (!this.deps.leading()) return Promise.reject(elsewhere());
    const epoch = this.epoch;
    const run = this.saveChain.then(async () => {
      if (epoch !== this.epoch) throw elsewhere();
      const logins = [...book.dirty];
      const histories = [...book.historyDirty];
      const prices = book.marketDirty;
      if (!logins.length && !histories.length && !prices) return;
      book.dirty.clear();
      book.historyDirty.clear();
      book.marketDirty = false;
      const rows = [
        ...logins.flatMap((l) => {
          const a = book.accounts.get(l);
          return a ? [accountRow(a, outbox.pending(l))] : [];
        }),
        ...histories.flatMap((l) => {
          const a = book.accounts.get(l);
          return a ? [historyRow(a)] : [];
        }),
        ...(prices ? [{ login: MARKET_ROW, state: { prices: market.prices() } }] : []),
      ];
      try {
        await this.storage.save(rows);
      } catch (err) {
        if (epoch === this.epoch) {
          logins.forEach((l) => book.dirty.add(l));
          histories.forEach((l) => book.historyDirty.add(l));
          book.marketDirty ||= prices;
        }
        throw err;
      }
    });
    this.saveChain = run.catch(() => {});
    return run;
  }

  /** Ends the term: loads and saves already under way are void. */
  endTerm(): void {
    this.epoch += 1;
  }

  /** Drops the in-memory accounts and pending events: the database has what was saved. */
  forget(): void {
    this.deps.book.clear();
    this.deps.outbox.clear();
    this.loading = undefined;
    this.loaded = false;
    this.saveChain = Promise.resolve();
  }
}
