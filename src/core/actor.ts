/** Who did it and from where: every change records both. */
export interface Actor {
  /** null for the system itself (seeding, automation). */
  id: string | null;
  ip: string | null;
}
