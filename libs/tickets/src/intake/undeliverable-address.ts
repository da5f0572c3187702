import type { BounceReport } from '@app/channels';

/** What a bounce of one of our deliveries does to the address that delivery went to. */
export type BounceVerdict =
  | { mark: true; address: string }
  | { mark: false; address: string; reason: 'not_permanent' | 'recipient_not_in_report' };

/**
 * A bounce only speaks for the delivery it quotes: it may mark that delivery's recipient, and no one
 * else (the other addresses a report lists were never sent this message by us). A delay (4.x.x)
 * marks nothing, nor does a report that names failed recipients without ours among them.
 */
export function judgeBounce(report: BounceReport, deliveryRecipient: string): BounceVerdict {
  const address = deliveryRecipient.toLowerCase();
  if (!report.permanent) return { mark: false, address, reason: 'not_permanent' };
  const named = report.failedRecipients.map((recipient) => recipient.toLowerCase());
  if (named.length > 0 && !named.includes(address)) return { mark: false, address, reason: 'recipient_not_in_report' };
  return { mark: true, address };
}

/** A mail from a marked address clears the mark only when it arrived after the mark was set. */
export function mailClearsMark(markedAt: Date | null | undefined, mailReceivedAt: Date): boolean {
  return Boolean(markedAt) && mailReceivedAt.getTime() > markedAt!.getTime();
}
