/** A failure agents confirmed and are working on, as customers are told about it. */
export interface KnownOutage {
  title: string;
  since: Date;
}

/**
 * Tells the channels which failures are known, so the chat widget can say so before the customer
 * types and the phone menu before the caller chooses. The apps wire it to the open incidents.
 */
export interface OutageBoard {
  knownOutages(): Promise<KnownOutage[]>;
}

export const OUTAGE_BOARD = Symbol('OUTAGE_BOARD');

/** How a customer hears of known failures, in one sentence (chat banner, phone announcement). */
export function knownOutagesSentence(outages: readonly KnownOutage[]): string | null {
  if (outages.length === 0) return null;
  const titles = outages.map((outage) => outage.title.trim()).join('; ');
  return `Sabemos de una falla en curso: ${titles}. Ya la estamos atendiendo y avisaremos de cada avance a quien nos la haya reportado.`;
}
