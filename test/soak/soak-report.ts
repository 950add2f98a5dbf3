import type { DirectionCounts } from './ledger.ts';
import type { PhaseResult } from './schedule.ts';

type Latency = { p50: number; p90: number; p99: number; max: number; count: number };

/** Everything the soak measured. */
export interface SoakReport {
  mode: string;
  seconds: number;
  settleMs: number;
  toSlack: DirectionCounts;
  toDiscord: DirectionCounts;
  latency: { toSlack: Latency; toDiscord: Latency };
  garbage: number;
  phases: PhaseResult[];
  slackEvents: { events: number; accepted: number; retries: number; abandoned: number };
  proxies: Record<string, { forwarded: number; errors: number; rateLimited: number; cut: number }>;
}

const row = (cells: Array<string | number>): string => `| ${cells.join(' | ')} |`;

/** The soak's figures as a Markdown table (what README and the note quote). */
export function formatReport(report: SoakReport): string {
  const counts = (name: string, c: DirectionCounts): string => row([name, c.sent, c.delivered, c.lost, c.duplicated, `${c.reordered} (${c.reorderedLate} late)`, `${c.sentWhileDown} / ${c.lostWhileDown}`]);
  const latency = (name: string, l: Latency): string => row([name, l.count, l.p50, l.p90, l.p99, l.max]);
  return [
    `## Soak (${report.mode}): ${report.seconds} s, backlog settled ${Math.round(report.settleMs / 1000)} s after traffic stopped`,
    '',
    row(['direction', 'sent', 'delivered', 'lost', 'duplicated', 'reordered (late: redelivered, written while down, or stored after the later one was posted)', 'sent / lost while Heimo was down']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    counts('Discord -> Slack', report.toSlack),
    counts('Slack -> Discord', report.toDiscord),
    '',
    `garbage posts (empty, undefined, null, [object Object]): ${report.garbage}`,
    '',
    row(['latency (ms), sent while Heimo ran', 'messages', 'p50', 'p90', 'p99', 'max']),
    row(['---', '---', '---', '---', '---', '---']),
    latency('Discord -> Slack', report.latency.toSlack),
    latency('Slack -> Discord', report.latency.toDiscord),
    '',
    row(['fault', 'lasted (s)', 'recovered (s after it ended)']),
    row(['---', '---', '---']),
    ...report.phases.map((phase) => row([phase.name, ((phase.endedAt - phase.startedAt) / 1000).toFixed(1), phase.recoveryMs === null ? 'never (messages lost)' : (phase.recoveryMs / 1000).toFixed(1)])),
    '',
    `Slack events: ${report.slackEvents.events} sent, ${report.slackEvents.accepted} accepted, ${report.slackEvents.retries} redeliveries, ${report.slackEvents.abandoned} abandoned by Slack`,
    `faults injected: ${Object.entries(report.proxies).map(([name, c]) => `${name} ${c.errors} x 500, ${c.rateLimited} x 429, ${c.cut} connections cut (${c.forwarded} forwarded)`).join('; ')}`,
  ].join('\n');
}
