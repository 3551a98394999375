/**
 * A fact as the fold produces it (a row of report_facts without its id), and the pieces of state the
 * fold keeps between records. Pure: no database here, so the fold can be tested and replayed as is.
 */
export interface Fact {
  src: 'e' | 'm';
  srcId: number;
  seq: number;
  kind: string;
  at: Date;
  day: string;
  how: number;
  clientId: string | null;
  clientName: string | null;
  conversationId: string | null;
  staffId: string | null;
  teamId: string | null;
  channel: string | null;
  language: string | null;
  country: string | null;
  source: string | null;
  campaign: string | null;
  n: number;
  amount: number | null;
  calMs: number | null;
  busMs: number | null;
  score: number | null;
  detail: string | null;
}

export type FactFields = Partial<Omit<Fact, 'src' | 'srcId' | 'seq' | 'kind' | 'at' | 'day' | 'how'>>;

/** The UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
/** The first day of the instant's UTC month, YYYY-MM-01. */
export const utcMonth = (at: Date): string => `${at.toISOString().slice(0, 7)}-01`;
/** Hour of the week in UTC: 0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00. */
export const hourOfWeek = (at: Date): number => ((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours();

export function makeFact(
  src: 'e' | 'm',
  srcId: number,
  seq: number,
  kind: string,
  at: Date,
  f: FactFields,
): Fact {
  return {
    src,
    srcId,
    seq,
    kind,
    at,
    day: utcDay(at),
    how: hourOfWeek(at),
    clientId: f.clientId ?? null,
    clientName: f.clientName ?? null,
    conversationId: f.conversationId ?? null,
    staffId: f.staffId ?? null,
    teamId: f.teamId ?? null,
    channel: f.channel ?? null,
    language: f.language ?? null,
    country: f.country ?? null,
    source: f.source ?? null,
    campaign: f.campaign ?? null,
    n: f.n ?? 1,
    amount: f.amount ?? null,
    calMs: f.calMs ?? null,
    busMs: f.busMs ?? null,
    score: f.score ?? null,
    detail: f.detail ?? null,
  };
}

export interface ClientState {
  clientId: string;
  name: string;
  country: string | null;
  source: string | null;
  campaign: string | null;
  staffId: string | null;
  teamId: string | null;
  salesStaffId: string | null;
  salesTeamId: string | null;
  createdAt: Date;
  demoAt: Date | null;
  liveAt: Date | null;
  ftdAt: Date | null;
  ftdAmount: number | null;
  ftdStaffId: string | null;
  ftdTeamId: string | null;
  lastActiveAt: Date | null;
}

export interface ConversationState {
  conversationId: string;
  answered: boolean;
  replies: number;
  resolvedAt: Date | null;
  fcr: boolean;
  frBreached: boolean;
  nrBreached: boolean;
  resBreached: boolean;
  /** The dimensions of the counted first-contact resolution, to take it back exactly on a reopen. */
  fcrStaffId: string | null;
  fcrTeamId: string | null;
  fcrChannel: string | null;
  fcrLanguage: string | null;
}

export interface ComplaintState {
  complaintId: string;
  createdAt: Date;
  dueAt: Date;
  answered: boolean;
}

export interface ActiveMonth {
  month: string;
  clientId: string;
  staffId: string | null;
  teamId: string | null;
  country: string | null;
}

/** What the fold reads and changes; `touched` says which rows to write back. */
export class FoldState {
  readonly clients = new Map<string, ClientState>();
  /** staff id → team id (null: known, no team). */
  readonly staff = new Map<string, string | null>();
  readonly conversations = new Map<string, ConversationState>();
  readonly complaints = new Map<string, ComplaintState>();
  /** `month|clientId` of rows already present (or added). */
  readonly activeKnown = new Set<string>();
  readonly activeAdded: ActiveMonth[] = [];
  readonly touched = {
    clients: new Set<string>(),
    staff: new Set<string>(),
    conversations: new Set<string>(),
    complaints: new Set<string>(),
  };
}
