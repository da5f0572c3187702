import type { ReportSignature } from './report-signature.js';

/**
 * How common each word stem is in ordinary support mail (document frequency over the severity
 * corpus, data/severity): words every report uses ("factura", "error") say little about which
 * failure it is, rarer ones say more.
 */
export interface StemBackground {
  documents: number;
  frequency: Record<string, number>;
}

export const NO_BACKGROUND: StemBackground = { documents: 1, frequency: {} };

const weight = (stem: string, background: StemBackground): number => Math.log((background.documents + 1) / ((background.frequency[stem] ?? 0) + 1)) + 1;

/** How alike two reports are (0-1), and the evidence, for the link's recorded reason. */
export interface Similarity {
  score: number;
  shared: { processes: string[]; satCodes: string[]; errorNumbers: string[]; words: string[] };
  /** Both quote SAT codes and none in common: two different rejections, whatever else they share. */
  conflicting: boolean;
}

/**
 * Word overlap (cosine of the stems weighted by rarity), raised by naming the same process and
 * quoting the same SAT code or error number: customers describe one failure in very different
 * words, but they name what failed and quote what they saw.
 */
export function reportSimilarity(a: ReportSignature, b: ReportSignature, background: StemBackground = NO_BACKGROUND): Similarity {
  const words = intersect(a.stems, b.stems);
  const processes = intersect(a.processes, b.processes);
  const satCodes = intersect(a.satCodes, b.satCodes);
  const errorNumbers = intersect(a.errorNumbers, b.errorNumbers);
  const norm = (stems: ReadonlySet<string>) => Math.sqrt([...stems].reduce((sum, stem) => sum + weight(stem, background) ** 2, 0));
  const denominator = norm(a.stems) * norm(b.stems);
  const cosine = denominator === 0 ? 0 : words.reduce((sum, stem) => sum + weight(stem, background) ** 2, 0) / denominator;
  const processShare = a.processes.size + b.processes.size === 0 ? 0 : (2 * processes.length) / (a.processes.size + b.processes.size);
  const score = Math.min(1, 0.45 * cosine + 0.35 * processShare + (satCodes.length > 0 ? 0.3 : 0) + (errorNumbers.length > 0 ? 0.15 : 0));
  return {
    score,
    shared: { processes, satCodes, errorNumbers, words: [...words].sort((x, y) => weight(y, background) - weight(x, background)).slice(0, 8) },
    conflicting: a.satCodes.size > 0 && b.satCodes.size > 0 && satCodes.length === 0,
  };
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return [...small].filter((value) => large.has(value));
}
