import type { Db, Executor } from './connection.js';

/**
 * Work a transaction runs after its callback and just before COMMIT: the last statements of the
 * transaction. The event log uses it so that a transaction's events are written together at its end
 * and the event-log lock is taken only then (src/core/events.ts), not held through the rest of the
 * transaction's writes.
 *
 * `openDatabase` wraps `db.transaction` (and savepoints, `tx.transaction`) so every transaction has a
 * hook list; a hook that throws rolls the transaction back like the callback would. A savepoint's
 * hooks join its parent's list when the savepoint is released and are dropped with it when it rolls
 * back, so they too run just before the outer COMMIT.
 */
type Hook = () => Promise<void>;

const hooksOf = new WeakMap<object, Hook[]>();

/**
 * Runs `hook` just before `tx` commits. Returns false when `tx` is not a transaction opened through
 * a wrapped handle (the database handle itself, autocommit): the caller must do the work now.
 */
export function beforeCommit(tx: Executor, hook: Hook): boolean {
  const hooks = hooksOf.get(tx);
  if (!hooks) return false;
  hooks.push(hook);
  return true;
}

/** Makes `db.transaction` (and savepoints inside it) run the hooks registered with beforeCommit. */
export function runHooksBeforeCommit(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) =>
    transaction(async (tx) => {
      const hooks: Hook[] = [];
      hooksOf.set(tx, hooks);
      wrapSavepoints(tx, hooks);
      const result = await run(tx);
      // A hook may register another (an append made by a hook): run until none is left.
      for (let i = 0; i < hooks.length; i++) await hooks[i]!();
      hooksOf.delete(tx);
      return result;
    }, config)) as Db['transaction'];
  return db;
}

function wrapSavepoints(tx: Executor, parent: Hook[]): void {
  const savepoint = tx.transaction.bind(tx);
  tx.transaction = ((run: Parameters<Executor['transaction']>[0]) =>
    savepoint(async (sp) => {
      const hooks: Hook[] = [];
      hooksOf.set(sp, hooks);
      wrapSavepoints(sp, hooks);
      const result = await run(sp);
      hooksOf.delete(sp);
      parent.push(...hooks);
      return result;
    })) as Executor['transaction'];
}
