import { SEVERITIES, type Severity } from './severity.js';
import type { SeverityFeatures } from './severity-features.js';

/** A trained linear model: for each feature bucket it uses, one weight per severity. */
export interface SeverityModel {
  /** Changes whenever the training data or the training code changes; stored on each ticket. */
  version: string;
  /** Under-triage guard: when P(0) + P(1) reaches this, the answer is 0 or 1, never 2 or 3. */
  severeShare: number;
  weights: Record<string, [number, number, number, number]>;
  trainedOn: { examples: number; batches: string[] };
}

/** Probability of each severity for a message (softmax of the linear scores). */
export function severityProbabilities(model: SeverityModel, features: SeverityFeatures): Record<Severity, number> {
  const scores = [0, 0, 0, 0];
  features.indices.forEach((index, position) => {
    const weights = model.weights[index];
    if (!weights) return;
    for (const severity of SEVERITIES) scores[severity]! += weights[severity] * features.values[position]!;
  });
  const top = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - top));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return { 0: exps[0]! / total, 1: exps[1]! / total, 2: exps[2]! / total, 3: exps[3]! / total };
}

/** The named features that pushed hardest towards `severity` (words, word pairs, rule cues; not numbers or ids), strongest first. */
export function strongestCues(model: SeverityModel, features: SeverityFeatures, severity: Severity, count: number): string[] {
  return features.indices
    .map((index, position) => ({ index, pull: (model.weights[index]?.[severity] ?? 0) * features.values[position]! }))
    .filter(({ index, pull }) => pull > 0 && features.names.has(index) && !/\d/.test(features.names.get(index)!))
    .sort((a, b) => b.pull - a.pull)
    .slice(0, count)
    .map(({ index }) => features.names.get(index)!);
}
