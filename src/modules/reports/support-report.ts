import type { Db } from '../../db/connection.js';
import type { BreakdownRow, SupportReport } from '../../shared/contracts/reports.js';
import { figure, periodOf, sliceOf, withPrevious, zipFigures, type ReportAsk } from './figures.js';
import { staffNamesByIds } from './names.js';
import { dailyWhere, factsWhere, type DayRange, type Slice } from './scope.js';
import { dailySums, durationStats, mediansBy, ofKind, ratio, type DailySum } from './stats.js';

const SUPPORT_KINDS = [
  'conversation',
  'first_response',
  'next_response',
  'resolution',
  'fcr_base',
  'fcr',
  'csat',
  'bot_resolved',
  'bot_handover',
  'sla_breach',
];
/** Client-side support facts: scoped and filtered by the client's manager, team and country. */
const CLIENT_KINDS = ['nps', 'complaint', 'complaint_resolved'];
const SLA_KINDS = ['first_response', 'next_response', 'resolution'] as const;

type Sums = Map<string, DailySum>;
const byDetail = (s: Sums, kind: string) => new Map(ofKind(s, kind).map(([k, v]) => [k, v.n]));

function npsOf(s: Sums) {
  const bars = byDetail(s, 'nps');
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const [k, n] of bars) {
    const score = Number(k);
    if (score >= 9) promoters += n;
    else if (score >= 7) passives += n;
    else detractors += n;
  }
  const count = promoters + passives + detractors;
  return {
    count,
    score: count ? Math.round(((promoters - detractors) / count) * 1000) / 10 : null,
    promoters,
    passives,
    detractors,
    distribution: Array.from({ length: 11 }, (_, score) => ({ score, count: bars.get(String(score)) ?? 0 })),
  };
}

/** The support dashboard (docs/reports.md, "Support"). */
export async function supportReport(db: Db, ask: ReportAsk, asOf: Date | null): Promise<SupportReport> {
  const headline = async (range: DayRange) => {
    const s = sliceOf(ask, 'support', range);
    const [sums, clientSums, frt, frtBus, res] = await Promise.all([
      dailySums(db, dailyWhere(s, SUPPORT_KINDS), 'detail'),
      dailySums(db, dailyWhere(sliceOf(ask, 'clientSide', range), CLIENT_KINDS), 'detail'),
      durationStats(db, 'cal_ms', factsWhere(s, ['first_response'])),
      durationStats(db, 'bus_ms', factsWhere(s, ['first_response'])),
      durationStats(db, 'cal_ms', factsWhere(s, ['resolution'])),
    ]);
    return { sums, clientSums, frt, frtBus, res };
  };
  const { now, before } = await withPrevious(ask, headline);
  const total = (s: Sums, kind: string) => ofKind(s, kind).reduce((a, [, v]) => a + v.n, 0);
  const figs = (h: typeof now) => {
    const measured = SLA_KINDS.reduce((a, k) => a + total(h.sums, k), 0);
    const breached = SLA_KINDS.reduce((a, k) => a + (byDetail(h.sums, k).get('breached') ?? 0), 0);
    const csatN = total(h.sums, 'csat');
    const csatSum = ofKind(h.sums, 'csat').reduce((a, [, v]) => a + v.score, 0);
    const botR = total(h.sums, 'bot_resolved');
    const botH = total(h.sums, 'bot_handover');
    return [
      figure('conversations', 'count', total(h.sums, 'conversation'), null, 'conversations'),
      figure('frt_median', 'ms', h.frt.medianMs, null, 'first_response'),
      figure('frt_business_median', 'ms', h.frtBus.medianMs, null, 'first_response'),
      figure('resolution_median', 'ms', h.res.medianMs, null, 'resolution'),
      figure('fcr_rate', 'ratio', ratio(total(h.sums, 'fcr'), total(h.sums, 'fcr_base')), null, 'fcr'),
      figure(
        'sla_attainment',
        'ratio',
        measured ? (measured - breached) / measured : null,
        null,
        'sla_breaches',
      ),
      figure('csat_average', 'score', csatN ? csatSum / csatN : null, null, 'csat'),
      figure('nps', 'score', npsOf(h.clientSums).score, null, 'nps'),
      figure('complaints', 'count', total(h.clientSums, 'complaint'), null, 'complaints'),
      figure('bot_resolved_rate', 'ratio', ratio(botR, botR + botH), null, 'bot_resolved'),
    ];
  };
  const slice = sliceOf(ask, 'support');
  const [times, byChannel, byLanguage, byStaff, byDay, agentFrt, agentFrtBus, dayFrt, complaintTimes] =
    await Promise.all([
      timesOf(db, slice),
      dailySums(db, dailyWhere(slice, ['conversation']), 'channel'),
      dailySums(db, dailyWhere(slice, ['conversation']), 'language'),
      dailySums(db, dailyWhere(slice, SUPPORT_KINDS), 'staff_key'),
      dailySums(db, dailyWhere(slice, ['conversation', 'resolution']), 'day'),
      mediansBy(db, 'cal_ms', 'staff_id', factsWhere(slice, ['first_response'])),
      mediansBy(db, 'bus_ms', 'staff_id', factsWhere(slice, ['first_response'])),
      mediansBy(db, 'cal_ms', 'day', factsWhere(slice, ['first_response'])),
      durationStats(db, 'cal_ms', factsWhere(sliceOf(ask, 'clientSide'), ['complaint_resolved'])),
    ]);
  const s = now.sums;
  const cs = now.clientSums;
  const csat = byDetail(s, 'csat');
  const csatN = total(s, 'csat');
  const csatSum = ofKind(s, 'csat').reduce((a, [, v]) => a + v.score, 0);
  const botR = total(s, 'bot_resolved');
  const botH = total(s, 'bot_handover');
  const complaintsDone = byDetail(cs, 'complaint_resolved');
  const heat = byDetail(s, 'conversation');
  const bars = (m: Sums, kind: string): BreakdownRow[] =>
    ofKind(m, kind)
      .map(([key, v]) => ({
        key,
        label: key || '—',
        count: v.n,
        amount: null,
        drill: 'conversations' as const,
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const staffIds = [
    ...new Set(
      ofKind(byStaff, 'first_response')
        .concat(ofKind(byStaff, 'resolution'), ofKind(byStaff, 'csat'), ofKind(byStaff, 'next_response'))
        .map(([k]) => k),
    ),
  ].filter(Boolean);
  const names = await staffNamesByIds(db, staffIds);
  const g = (kind: string, id: string) => byStaff.get(`${kind}|${id}`);
  const days = [
    ...new Set([...ofKind(byDay, 'conversation'), ...ofKind(byDay, 'resolution')].map(([d]) => d)),
  ].sort();
  return {
    period: periodOf(ask, asOf),
    figures: zipFigures(figs(now), before ? figs(before) : null),
    times,
    fcr: {
      resolved: total(s, 'fcr_base'),
      firstContact: total(s, 'fcr'),
      rate: ratio(total(s, 'fcr'), total(s, 'fcr_base')),
    },
    sla: SLA_KINDS.map((target) => {
      const measured = total(s, target);
      const breached = byDetail(s, target).get('breached') ?? 0;
      return { target, measured, breached, attainment: measured ? (measured - breached) / measured : null };
    }),
    csat: {
      count: csatN,
      average: csatN ? csatSum / csatN : null,
      satisfied: ratio((csat.get('4') ?? 0) + (csat.get('5') ?? 0), csatN),
      distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: csat.get(String(score)) ?? 0 })),
    },
    nps: npsOf(cs),
    complaints: {
      count: total(cs, 'complaint'),
      resolved: total(cs, 'complaint_resolved'),
      onTime: complaintsDone.get('on_time') ?? 0,
      late: complaintsDone.get('late') ?? 0,
      resolution: complaintTimes,
    },
    bot: {
      resolved: botR,
      handedOver: botH,
      resolvedRate: ratio(botR, botR + botH),
      handoverRate: ratio(botH, botR + botH),
      reasons: [...byDetail(s, 'bot_handover')]
        .map(([key, count]) => ({
          key,
          label: key || '—',
          count,
          amount: null,
          drill: 'bot_handover' as const,
        }))
        .sort((a, b) => b.count - a.count),
    },
    volume: {
      byChannel: bars(byChannel, 'conversation'),
      byLanguage: bars(byLanguage, 'conversation'),
      heatmap: [...heat]
        .map(([how, count]) => ({ weekday: Math.floor(Number(how) / 24), hour: Number(how) % 24, count }))
        .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    },
    agents: staffIds
      .map((id) => {
        const fcrBase = g('fcr_base', id)?.n ?? 0;
        const csatCount = g('csat', id)?.n ?? 0;
        return {
          staffId: id,
          name: names.get(id) ?? id,
          firstResponses: g('first_response', id)?.n ?? 0,
          frtMedianMs: agentFrt.get(id) ?? null,
          frtBusinessMedianMs: agentFrtBus.get(id) ?? null,
          replies: g('next_response', id)?.n ?? 0,
          resolutions: g('resolution', id)?.n ?? 0,
          fcrRate: ratio(g('fcr', id)?.n ?? 0, fcrBase),
          csatCount,
          csatAverage: csatCount ? (g('csat', id)?.score ?? 0) / csatCount : null,
          breaches: g('sla_breach', id)?.n ?? 0,
        };
      })
      .sort((a, b) => b.firstResponses - a.firstResponses || a.name.localeCompare(b.name)),
    series: days.map((day) => ({
      day,
      conversations: byDay.get(`conversation|${day}`)?.n ?? 0,
      resolved: byDay.get(`resolution|${day}`)?.n ?? 0,
      frtMedianMs: dayFrt.get(day) ?? null,
    })),
  };
}

async function timesOf(db: Db, slice: Slice): Promise<SupportReport['times']> {
  const both = async (kind: string) => {
    const [calendar, business] = await Promise.all([
      durationStats(db, 'cal_ms', factsWhere(slice, [kind])),
      durationStats(db, 'bus_ms', factsWhere(slice, [kind])),
    ]);
    return { calendar, business };
  };
  const [firstResponse, nextResponse, resolution] = await Promise.all([
    both('first_response'),
    both('next_response'),
    both('resolution'),
  ]);
  return { firstResponse, nextResponse, resolution };
}
