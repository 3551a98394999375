import type { Executor } from '../../db/connection.js';
import type { ConversationStatus } from '../../shared/support.js';
import type { conversationMessages, conversations } from './schema.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof conversationMessages.$inferSelect;

type Hook<A extends unknown[]> = (tx: Executor, ...args: A) => Promise<void>;

/** Per transaction: the row the conversation service just wrote and is about to pass to the hooks. */
const freshRows = new WeakMap<object, ConversationRow>();

/**
 * Says that `row` is the conversation exactly as stored now (an UPDATE's RETURNING): the first hook
 * that gets it need not read it again. Any hook having run makes it stale (it may have written), so
 * only the first hook of a run, before any other, sees it fresh.
 */
export function markFresh(tx: Executor, row: ConversationRow): void {
  freshRows.set(tx, row);
}

/** Whether `row` is still the stored conversation (see markFresh); else read it again. */
export function isFresh(tx: Executor, row: ConversationRow): boolean {
  return freshRows.get(tx) === row;
}

async function runAll<A extends unknown[]>(hooks: Hook<A>[], tx: Executor, args: A): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(tx, ...args);
    } finally {
      freshRows.delete(tx);
    }
  }
  freshRows.delete(tx); // none ran: the mark must not outlive this run either
}

/**
 * What the other parts of the desk do when a conversation changes, inside the same transaction:
 * routing assigns a new conversation and frees capacity, the SLA clocks start, pause and stop, metrics
 * are recorded, the email channel sends an agent's public reply. The conversation service calls these
 * after its own writes; each part subscribes once, at wiring. Hooks run in subscription order, and a
 * throw rolls the whole change back (nothing half-done).
 */
export class SupportHooks {
  private readonly opened: Hook<[ConversationRow]>[] = [];
  private readonly messageAdded: Hook<[ConversationRow, MessageRow]>[] = [];
  private readonly statusChanged: Hook<[ConversationRow, ConversationStatus]>[] = [];
  private readonly assigned: Hook<[ConversationRow, string | null]>[] = [];
  private readonly reclassified: Hook<[ConversationRow]>[] = [];

  /** A conversation was created (its first message, if any, follows through `onMessage`). */
  onOpened(hook: Hook<[ConversationRow]>): void {
    this.opened.push(hook);
  }
  /** A message was added; the row passed is the conversation after the message's own updates. */
  onMessage(hook: Hook<[ConversationRow, MessageRow]>): void {
    this.messageAdded.push(hook);
  }
  /** The status moved from `from` to `conversation.status`. */
  onStatus(hook: Hook<[ConversationRow, ConversationStatus]>): void {
    this.statusChanged.push(hook);
  }
  /** The assignee changed from `previous` to `conversation.assigneeId`. */
  onAssigned(hook: Hook<[ConversationRow, string | null]>): void {
    this.assigned.push(hook);
  }

  /** Staff changed the priority, channel or team (the row passed is as it was before). */
  onReclassified(hook: Hook<[ConversationRow]>): void {
    this.reclassified.push(hook);
  }

  async runOpened(tx: Executor, conversation: ConversationRow): Promise<void> {
    await runAll(this.opened, tx, [conversation]);
  }
  async runMessage(tx: Executor, conversation: ConversationRow, message: MessageRow): Promise<void> {
    await runAll(this.messageAdded, tx, [conversation, message]);
  }
  async runStatus(tx: Executor, conversation: ConversationRow, from: ConversationStatus): Promise<void> {
    await runAll(this.statusChanged, tx, [conversation, from]);
  }
  async runAssigned(tx: Executor, conversation: ConversationRow, previous: string | null): Promise<void> {
    await runAll(this.assigned, tx, [conversation, previous]);
  }
  async runReclassified(tx: Executor, before: ConversationRow): Promise<void> {
    await runAll(this.reclassified, tx, [before]);
  }
}
