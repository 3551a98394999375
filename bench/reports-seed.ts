// The loader of the reports benchmark (bench/reports.ts): a year of a seed-004 broker written straight
// into the real tables with set-based SQL (INSERT … SELECT from generate_series), every value derived
// from the row number so two runs load the same data:
//   staff      14 sales/retention desks (a lead + 4 managers each), 4 support teams (a lead + 12 agents)
//   clients    CLIENTS over the year; ~25 % reach Demo, ~22 % Live, ~20 % an FTD; managers and teams
//   events     the raw log reports fold: client.created, client.status_changed (Demo, Live),
//              payment.executed + payment.ftd, more deposits, withdrawal.paid, comments, tasks done,
//              trading.client_online (weekly sessions after the FTD: active traders, cohorts)
//   support    CHATS + EMAILS a day: conversations (closed, with FRT, resolution, CSAT on a quarter)
//              and their support_metrics rows (first_response, replies, resolution, csat, bot, breaches)
// Columns are the schema's (src/modules/*/schema.ts, src/core/schema.ts); events are inserted in time
// order, as they would have been appended, so the event cursor of the rollups sees them in order.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/connection.js';
import { nowMs, progress } from './harness.js';

export interface SeedSize {
  days: number;
  clients: number;
  chatsPerDay: number;
  emailsPerDay: number;
}

export interface SeedCounts {
  clients: number;
  events: number;
  conversations: number;
  metrics: number;
  seconds: number;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const lit = (values: readonly string[]) =>
  sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);

const COUNTRIES = ['ID', 'RU', 'GB', 'DE', 'TR', 'VN', 'MY', 'TH', 'IN', 'NG', 'BR', 'ES', 'AE', 'EG'];
const LANGS = ['id', 'ru', 'en', 'de', 'tr', 'vi', 'ms', 'th', 'en', 'en', 'pt', 'es', 'ar', 'ar'];
const SOURCES = ['google', 'facebook', 'instagram', 'tiktok', 'partner', 'ib', 'website', 'phone'];
const CAMPAIGNS = ['spring', 'summer', 'black_friday', 'webinar', 'ib_promo', 'brand'];
const SUPPORT_LANGS = [['en', 'ar'], ['ru'], ['id', 'ms'], ['es', 'pt', 'de', 'tr', 'vi', 'th']];
const CHAT_LANGS = ['en', 'ru', 'id', 'ar', 'es', 'pt', 'de', 'tr', 'vi', 'th', 'ms', 'en', 'id', 'ru'];
/** Hour-of-day weights of chat arrivals (UTC): the desk's day. */
const HOUR_SHARE = [1, 1, 1, 2, 3, 5, 6, 7, 8, 8, 8, 7, 7, 7, 7, 6, 6, 5, 4, 3, 2, 2, 1, 1];

/** Loads everything; `end` is today's UTC midnight + 1 day, the year runs `days` days before it. */
export async function seedYear(db: Db, size: SeedSize): Promise<SeedCounts> {
  const t0 = nowMs();
  const step = async (label: string, q: SQL) => {
    const t = nowMs();
    await db.execute(q);
    progress(`seed: ${label} (${((nowMs() - t) / 1000).toFixed(1)} s)`);
  };
  await step('staff', staffSql());
  await step('support teams and agents', supportStaffSql());
  await db.execute(sql`create temporary table bench_sales as
    select row_number() over (order by s.team_id, s.id) - 1 as k, s.id, s.team_id from staff_users s
    join teams t on t.id = s.team_id where t.kind = 'sales' and s.role <> 'team_lead'`);
  await db.execute(sql`create temporary table bench_agents as
    select row_number() over (order by a.staff_id) - 1 as k, a.staff_id as id, a.team_ids[1] as team_id,
           st.languages from support_agents a join support_teams st on st.team_id = a.team_ids[1]`);
  const start = sql.raw(
    `(date_trunc('day', now() at time zone 'utc') at time zone 'utc' - interval '${size.days - 1} days')`,
  );
  const N = size.clients;
  for (let from = 1; from <= N; from += 50_000) {
    const to = Math.min(N, from + 49_999);
    await step(`clients ${from}–${to}`, clientsSql(from, to, N, size.days, start));
  }
  await step('client events', clientEventsSql());
  await step('payment events', paymentEventsSql());
  await step('activity events', activitySql());
  await step('trading activity events', tradingSql());
  const perDay = size.chatsPerDay + size.emailsPerDay;
  const chunkDays = 20;
  for (let d = 0; d < size.days; d += chunkDays) {
    const until = Math.min(size.days, d + chunkDays);
    await step(
      `conversations, days ${d + 1}–${until}`,
      conversationsSql(d * perDay, until * perDay - 1, size, start, N),
    );
  }
  await step('support metrics', metricsSql());
  await step('analyze', sql`analyze`);
  const [c] = rowsOf<{ clients: string; events: string; conversations: string; metrics: string }>(
    await db.execute(sql`select (select count(*) from clients) as clients, (select count(*) from events) as events,
      (select count(*) from conversations) as conversations, (select count(*) from support_metrics) as metrics`),
  );
  return {
    clients: Number(c!.clients),
    events: Number(c!.events),
    conversations: Number(c!.conversations),
    metrics: Number(c!.metrics),
    seconds: (nowMs() - t0) / 1000,
  };
}

function staffSql(): SQL {
  return sql`
    with t as (insert into teams (name, kind) select 'Desk ' || t, case when t % 3 = 0 then 'retention' else 'sales' end
               from generate_series(1, 14) t returning id, name, kind),
         s as (insert into staff_users (name, email, password_hash, role, team_id, languages)
               select t.name || ' #' || s, 'staff' || s || '.' || replace(lower(t.name), ' ', '') || '@bench.local', 'x',
                      case when s = 0 then 'team_lead' when t.kind = 'retention' then 'retention_manager' else 'sales_manager' end,
                      t.id, array['en']
               from t, generate_series(0, 4) s returning id, team_id, role)
    update teams set lead_id = s.id, kind = 'sales' from s where s.team_id = teams.id and s.role = 'team_lead'`;
}

function supportStaffSql(): SQL {
  const langs = SUPPORT_LANGS.map(
    (l, i) => `(${i + 1}, array[${l.map((x) => `'${x}'`).join(',')}]::text[])`,
  ).join(',');
  return sql`
    with l(n, languages) as (values ${sql.raw(langs)}),
         t as (insert into teams (name, kind) select 'Support ' || n, 'support' from l returning id, name),
         tl as (select t.id, l.languages, l.n from t join l on t.name = 'Support ' || l.n),
         st as (insert into support_teams (team_id, languages, is_default) select id, languages, n = 1 from tl returning team_id),
         s as (insert into staff_users (name, email, password_hash, role, team_id, languages)
               select 'Agent ' || tl.n || '.' || s, 'agent' || tl.n || '.' || s || '@bench.local', 'x',
                      case when s = 0 then 'team_lead' else 'support_agent' end, tl.id, tl.languages
               from tl, generate_series(0, 12) s returning id, team_id, role, languages),
         a as (insert into support_agents (staff_id, team_ids, languages, status, capacity)
               select id, array[team_id], languages, 'offline', 6 from s where role = 'support_agent' returning staff_id)
    update teams set lead_id = s.id from s where s.team_id = teams.id and s.role = 'team_lead'`;
}

/**
 * Clients g in [from, to]: created evenly over the year; Demo after hours (g % 4 = 0 or 1), Live after
 * days (g % 9 < 2 of those), FTD a few days after Live for 9 in 10; net deposits from the same numbers
 * the payment events use.
 */
function clientsSql(from: number, to: number, n: number, days: number, start: SQL): SQL {
  return sql`
    insert into clients (id, status, sales_status, name, email, phone, country, language, source, utm, manager_id, team_id,
                         ftd_at, ftd_amount, net_deposits, last_deposit_at, created_at, updated_at, status_changed_at)
    select md5('client' || g)::uuid, f.status, (${lit(['new', 'no_answer', 'call_back', 'interested', 'deposit_promised'])})[1 + g % 5],
           'Client ' || g, 'client' || g || '@bench.local', '+62811' || lpad(g::text, 7, '0'),
           (${lit(COUNTRIES)})[1 + (g * 7) % 14], (${lit(LANGS)})[1 + (g * 7) % 14],
           (${lit(SOURCES)})[1 + (g * 13) % 8], jsonb_build_object('campaign', (${lit(CAMPAIGNS)})[1 + (g * 5) % 6]),
           m.id, m.team_id,
           f.ftd_at, case when f.ftd_at is not null then f.ftd end,
           case when f.ftd_at is not null then f.ftd * (1 + g % 5) - case when g % 3 = 0 then f.ftd / 2 else 0 end else 0 end,
           case when f.ftd_at is not null then f.ftd_at + (g % 5) * interval '9 days' end,
           f.created, f.created, coalesce(f.live_at, f.demo_at, f.created)
    from generate_series(${from}::int, ${to}::int) g
    join bench_sales m on m.k = g % (select count(*) from bench_sales)
    cross join lateral (select ${start} + ((g - 1)::float8 / ${n} * ${days}) * interval '1 day' as created) c
    cross join lateral (select c.created,
           case when g % 9 < 2 then 'live' when g % 4 < 2 then 'demo' else 'lead' end as status,
           case when g % 9 < 2 or g % 4 < 2 then c.created + (1 + g % 72) * interval '1 hour' end as demo_at,
           case when g % 9 < 2 then c.created + (3 + g % 20) * interval '1 day' end as live_at,
           case when g % 9 < 2 and g % 10 <> 0 then c.created + (4 + g % 20 + g % 5) * interval '1 day' end as ftd_at,
           (10000 + (g * 7919) % 490000)::bigint as ftd) f0
    cross join lateral (select f0.created, f0.status, f0.demo_at,
           case when f0.live_at < now() then f0.live_at end as live_at,
           case when f0.ftd_at < now() then f0.ftd_at end as ftd_at, f0.ftd) f`;
}

/** The id, team and manager of each client, by its row number (the clients' md5 ids are not ordered). */
const clientRows = sql`(select c.*, (regexp_replace(c.email, '\\D', '', 'g'))::int as g from clients c)`;

function clientEventsSql(): SQL {
  return sql`
    insert into events (type, subject_type, subject_id, actor_id, actor_kind, payload, audience, created_at)
    select e.type, 'client', c.id::text, null, 'system', e.payload,
           jsonb_build_object('users', jsonb_build_array(c.manager_id), 'teams', jsonb_build_array(c.team_id)), e.at
    from ${clientRows} c
    cross join lateral (values
      ('client.created', c.created_at, jsonb_build_object('name', c.name, 'clientName', c.name, 'kind', 'lead',
        'source', c.source, 'country', c.country, 'status', 'lead', 'managerId', c.manager_id, 'assignedVia', 'rule',
        'teamId', c.team_id, 'campaign', c.utm->>'campaign')),
      ('client.status_changed', case when c.status <> 'lead' then c.created_at + (1 + c.g % 72) * interval '1 hour' end,
        jsonb_build_object('from', 'lead', 'to', 'demo', 'trigger', 'cabinet_registered', 'clientName', c.name)),
      ('client.status_changed', case when c.status = 'live' then c.status_changed_at end,
        jsonb_build_object('from', 'demo', 'to', 'live', 'trigger', 'live_account_opened', 'clientName', c.name))
    ) e(type, at, payload)
    where e.at is not null
    order by e.at`;
}

/** FTD (payment.executed + payment.ftd), 0–4 more deposits nine days apart, a withdrawal for a third. */
function paymentEventsSql(): SQL {
  return sql`
    insert into events (type, subject_type, subject_id, actor_id, actor_kind, payload, audience, created_at)
    select p.type, 'client', c.id::text, null, 'system',
           jsonb_build_object('requestId', md5(p.type || c.id || p.n)::uuid, 'clientId', c.id, 'clientName', c.name,
             'direction', case when p.type = 'withdrawal.paid' then 'withdrawal' else 'deposit' end, 'login', 'L' || c.g,
             'status', case when p.type = 'withdrawal.paid' then 'paid' else 'executed' end,
             'amount', p.amount, 'currency', 'USD', 'systemName', 'Card', 'accountAmount', p.amount, 'rate', null,
             'baseAmount', p.amount),
           jsonb_build_object('users', jsonb_build_array(c.manager_id), 'teams', jsonb_build_array(c.team_id),
             'permissions', jsonb_build_array('payments.execute')), p.at
    from ${clientRows} c
    cross join lateral (
      select 'payment.executed' as type, 0 as n, c.ftd_at as at, c.ftd_amount as amount
      union all select 'payment.ftd', 0, c.ftd_at, c.ftd_amount
      union all select 'payment.executed', k, c.ftd_at + k * interval '9 days', c.ftd_amount
        from generate_series(1, c.g % 5) k
      union all select 'withdrawal.paid', 0, c.ftd_at + interval '20 days', c.ftd_amount / 2 where c.g % 3 = 0
    ) p
    where c.ftd_at is not null and p.at < now()
    order by p.at`;
}

/** Managers' work beside their results: a comment on every second client, a task done on every third. */
function activitySql(): SQL {
  return sql`
    insert into events (type, subject_type, subject_id, actor_id, actor_kind, payload, audience, created_at)
    select a.type, 'client', c.id::text, c.manager_id, 'staff', a.payload,
           jsonb_build_object('users', jsonb_build_array(c.manager_id), 'teams', jsonb_build_array(c.team_id)), a.at
    from ${clientRows} c
    cross join lateral (values
      ('client.comment_added', case when c.g % 2 = 0 then c.created_at + interval '2 hours' end,
        jsonb_build_object('body', 'Called, interested', 'mentions', '[]'::jsonb, 'clientName', c.name)),
      ('client.task_done', case when c.g % 3 = 0 then c.created_at + interval '1 day' end,
        jsonb_build_object('taskId', md5('task' || c.id)::uuid, 'title', 'Call back', 'clientName', c.name))
    ) a(type, at, payload)
    where a.at is not null and a.at < now()
    order by a.at`;
}

/**
 * Trading activity (what "active trader" counts): a terminal session a week after the FTD, for 1–20
 * weeks by client, so cohorts thin out at 30, 60 and 90 days.
 */
function tradingSql(): SQL {
  return sql`
    insert into events (type, subject_type, subject_id, actor_id, actor_kind, payload, audience, created_at)
    select 'trading.client_online', 'client', c.id::text, null, 'system',
           jsonb_build_object('clientId', c.id, 'clientName', c.name, 'accountId', md5('acc' || c.id)::uuid,
             'login', 'L' || c.g, 'currency', 'USD', 'since', (c.ftd_at + w * interval '7 days')::text),
           jsonb_build_object('users', jsonb_build_array(c.manager_id), 'teams', jsonb_build_array(c.team_id)),
           c.ftd_at + w * interval '7 days'
    from ${clientRows} c
    cross join generate_series(0, c.g % 20) w
    where c.ftd_at is not null and c.ftd_at + w * interval '7 days' < now()
    order by 8`;
}

/**
 * Conversations g in [from, to] (perDay a day, the first chatsPerDay of each day chats, the rest
 * emails): arrival hour by HOUR_SHARE, language → support team → agent, a client on two in five,
 * closed with a first response after 20 s–10 min (chat) or 5 min–8 h (email), resolved after it,
 * CSAT on a quarter. Today's and yesterday's late ones stay open.
 */
function conversationsSql(from: number, to: number, size: SeedSize, start: SQL, clients: number): SQL {
  const perDay = size.chatsPerDay + size.emailsPerDay;
  const hours = HOUR_SHARE.flatMap((w, h) => Array.from({ length: w }, () => h));
  return sql`
    insert into conversations (channel, status, priority, language, subject, team_id, assignee_id, client_id,
      contact_name, contact_email, last_seq, message_count, last_message_at, first_response_at, resolved_at,
      csat_score, csat_at, created_at, updated_at)
    select v.channel, case when v.resolved < now() then 'closed' else 'open' end, 'normal', v.language,
           case when v.channel = 'email' then 'Withdrawal question' end, a.team_id, a.id,
           case when g % 5 < 2 then md5('client' || (1 + (g * 31) % ${clients}))::uuid end,
           'Visitor ' || g, 'visitor' || g || '@mail.test', 4, 4, least(v.resolved, now()),
           case when v.first < now() then v.first end, case when v.resolved < now() then v.resolved end,
           case when g % 4 = 0 and v.resolved < now() then 1 + (g * 7) % 5 end,
           case when g % 4 = 0 and v.resolved < now() then v.resolved + interval '2 minutes' end,
           v.created, least(v.resolved, now())
    from generate_series(${from}::bigint, ${to}::bigint) g
    cross join lateral (select g / ${perDay} as day, g % ${perDay} as slot,
           (${lit(CHAT_LANGS)})[1 + (g * 11) % ${CHAT_LANGS.length}] as language) b
    cross join lateral (select case when b.slot < ${size.chatsPerDay} then 'chat' else 'email' end as channel,
           ${start} + b.day * interval '1 day'
             + (array[${sql.raw(hours.join(','))}])[1 + (g * 13) % ${hours.length}] * interval '1 hour'
             + ((g * 37) % 3600) * interval '1 second' as created, b.language) c
    cross join lateral (select c.channel, c.language, c.created,
           c.created + case when c.channel = 'chat' then (20 + (g * 17) % 580) else (300 + (g * 17) % 28500) end * interval '1 second' as first,
           c.created + case when c.channel = 'chat' then (600 + (g * 23) % 2400) else (3600 + (g * 23) % 86400) end * interval '1 second' as resolved) v
    join bench_agents a on a.k = (g * 7) % (select count(*) from bench_agents)
    where c.created < now()`;
}

/** The raw metrics of every conversation, as support records them (src/modules/support/metrics.ts). */
function metricsSql(): SQL {
  return sql`
    insert into support_metrics (conversation_id, kind, at, calendar_ms, business_ms, agent_id, team_id, channel, language, score, detail)
    select c.id, m.kind, m.at, m.ms, m.bms, c.assignee_id, c.team_id, c.channel, c.language, m.score, m.detail
    from conversations c
    cross join lateral (values
      ('first_response', c.first_response_at, (extract(epoch from c.first_response_at - c.created_at) * 1000)::bigint,
        (extract(epoch from c.first_response_at - c.created_at) * 1000 * case when extract(hour from c.created_at) between 8 and 17 then 1 else 0.4 end)::bigint, null::int, null::text),
      ('reply', case when c.number % 3 <> 0 then c.first_response_at + (c.resolved_at - c.first_response_at) / 2 end,
        (extract(epoch from (c.resolved_at - c.first_response_at) / 2) * 1000)::bigint,
        (extract(epoch from (c.resolved_at - c.first_response_at) / 2) * 1000 * 0.8)::bigint, null, null),
      ('resolution', c.resolved_at, (extract(epoch from c.resolved_at - c.created_at) * 1000)::bigint,
        (extract(epoch from c.resolved_at - c.created_at) * 1000 * 0.7)::bigint, null, null),
      ('csat', c.csat_at, null, null, c.csat_score, null),
      ('bot_resolved', case when c.channel = 'chat' and c.number % 9 = 0 then c.created_at + interval '1 minute' end, null, null, null, null),
      ('handoff', case when c.channel = 'chat' and c.number % 9 = 1 then c.created_at + interval '1 minute' end, null, null, null, 'asked_for_human'),
      ('sla_breach', case when c.number % 20 = 0 and c.first_response_at is not null then c.first_response_at end, null, null, null, 'first_response'),
      ('reopen', case when c.number % 50 = 0 and c.resolved_at is not null then c.resolved_at + interval '1 hour' end, null, null, null, null)
    ) m(kind, at, ms, bms, score, detail)
    where m.at is not null and m.at < now()
    order by m.at`;
}
