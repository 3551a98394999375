// What the demo support desk holds (src/app/demo-support-seed.ts writes it through the support services).
import type { DemoComplaint } from './demo-complaints-seed.js';
import { EN_RU } from './demo-support-en-ru.js';
import { ID_AR } from './demo-support-id-ar.js';
import type { AgentStatus, ConversationPriority, SupportChannel } from '../shared/support.js';

/** The support teams by language; the first one (the demo's existing "Support" team) is the default. */
export const SUPPORT_TEAMS = [
  { key: 'en', name: 'Support', timeZone: 'Europe/London', hours: null, languages: ['en'] },
  {
    key: 'ru',
    name: 'Support · Russian',
    timeZone: 'Europe/Moscow',
    hours: { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 21 * 60 },
    languages: ['ru'],
  },
  {
    key: 'id',
    name: 'Support · Indonesian',
    timeZone: 'Asia/Jakarta',
    hours: { days: [1, 2, 3, 4, 5, 6], from: 8 * 60, to: 20 * 60 },
    languages: ['id', 'ms'],
  },
  {
    key: 'ar',
    name: 'Support · Arabic',
    timeZone: 'Asia/Dubai',
    hours: { days: [7, 1, 2, 3, 4], from: 9 * 60, to: 18 * 60 },
    languages: ['ar'],
  },
] as const;
export type TeamKey = (typeof SUPPORT_TEAMS)[number]['key'];

/** Agents: the demo's support agent, team lead and admin, and four more support agents. */
export const SUPPORT_AGENTS: {
  login: string;
  /** Set for the agents the support seed creates (the others come from demo-seed.ts). */
  name?: string;
  teams: TeamKey[];
  languages: string[];
  capacity: number;
  status: AgentStatus;
}[] = [
  {
    login: 'support',
    teams: ['en', 'ru', 'id'],
    languages: ['en', 'ru', 'id'],
    capacity: 4,
    status: 'online',
  },
  { login: 'emma', name: 'Emma Clarke', teams: ['en'], languages: ['en'], capacity: 5, status: 'online' },
  {
    login: 'ivan',
    name: 'Ivan Sokolov',
    teams: ['ru'],
    languages: ['ru', 'en'],
    capacity: 5,
    status: 'online',
  },
  {
    login: 'putri',
    name: 'Putri Maharani',
    teams: ['id'],
    languages: ['id', 'ms', 'en'],
    capacity: 4,
    status: 'away',
  },
  {
    login: 'yusuf',
    name: 'Yusuf Haddad',
    teams: ['ar'],
    languages: ['ar', 'en'],
    capacity: 3,
    status: 'online',
  },
  { login: 'lead', teams: ['en', 'ru'], languages: ['en', 'ru'], capacity: 2, status: 'offline' },
  { login: 'admin', teams: [], languages: ['en', 'ru'], capacity: 2, status: 'offline' },
];

/** c = the customer, a = the assignee's public reply, n = the assignee's internal note. */
type Line = [who: 'c' | 'a' | 'n', atMinute: number, body: string, file?: { name: string; text: string }];

export interface DemoConversation {
  channel: SupportChannel;
  language: TeamKey;
  subject?: string;
  /** The nth demo client speaking `language` (by creation), or a contact of its own. */
  client?: number;
  contact?: { name: string; email?: string };
  agent?: string;
  /** Minutes before the seed ran. */
  ago: number;
  lines: Line[];
  status?: 'pending' | 'snoozed' | 'resolved' | 'closed';
  /** Snoozed until this many hours after the seed ran. */
  snoozeHours?: number;
  priority?: ConversationPriority;
  tags?: string[];
  csat?: [score: number, comment?: string];
  /** Raised as a formal complaint by the conversation's agent (needs `client` and `agent`). */
  complaint?: DemoComplaint;
}

/**
 * About thirty conversations over every channel and status. The unanswered English email (6 h), the
 * English ticket with only a note (10 h) and the English chat whose customer waits 40 min are past
 * their SLA on the round-the-clock English team, so the breach job marks them within seconds.
 */
export const CONVERSATIONS: DemoConversation[] = [...EN_RU, ...ID_AR];

/** Canned responses per language (the `/` picker in the composer). */
export const CANNED: { language: TeamKey; shortcut: string; title: string; body: string }[] = [
  {
    language: 'en',
    shortcut: 'hello',
    title: 'Greeting',
    body: 'Hi {{client.name}}, this is {{agent.name}} from the support team. How can I help you today?',
  },
  {
    language: 'en',
    shortcut: 'withdrawal',
    title: 'Withdrawal times',
    body: 'Withdrawals are processed within one business day; cards take 1–3 days and bank wires 3–5 days to arrive.',
  },
  {
    language: 'ru',
    shortcut: 'hello',
    title: 'Приветствие',
    body: 'Здравствуйте, {{client.name}}! Меня зовут {{agent.name}}, служба поддержки. Чем могу помочь?',
  },
  {
    language: 'id',
    shortcut: 'hello',
    title: 'Salam',
    body: 'Halo {{client.name}}, saya {{agent.name}} dari tim dukungan. Ada yang bisa saya bantu?',
  },
  {
    language: 'ar',
    shortcut: 'hello',
    title: 'تحية',
    body: 'مرحباً {{client.name}}، معك {{agent.name}} من فريق الدعم. كيف يمكنني مساعدتك؟',
  },
];
