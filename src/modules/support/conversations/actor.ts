/**
 * Who changes a conversation: the customer (a widget visitor, an email sender, a trader in the
 * cabinet), a staff member, or the desk itself (routing, the SLA job, snooze wake-ups). Every part of
 * the desk passes one to the conversation service, which records it on the events it appends.
 */
export interface SupportActor {
  kind: 'customer' | 'staff' | 'system';
  /** Set when `kind` is `staff`. */
  staffId?: string;
  /** The name to show (a visitor's pre-chat name, an email's From name, the agent's name). */
  name?: string | null;
  /** Where the request came from, for the audit trail (staff routes). */
  ip?: string | null;
}

export const SYSTEM_ACTOR: SupportActor = { kind: 'system' };

/** The signed-in staff member of a route as the conversation's actor. */
export const staffActor = (staff: { id: string }, ip: string | null = null): SupportActor => ({
  kind: 'staff',
  staffId: staff.id,
  ip,
});
