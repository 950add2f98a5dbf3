import type { AuditRecord } from './port.ts';

/** One audit record as one line: time, outcome, community, platform, who, command with arguments, question, detail. */
export function formatAuditLine(record: AuditRecord): string {
  const args = Object.entries(record.args)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(' ');
  return [
    record.at.toISOString(),
    record.outcome.padEnd(7),
    record.communityId,
    record.platform,
    `${record.actorName} (${record.actorId})`,
    args === '' ? record.command : `${record.command} ${args}`,
    record.conversationId === null ? '' : `conversation=${record.conversationId}`,
    record.detail ?? '',
  ]
    .filter((part) => part !== '')
    .join('  ');
}
