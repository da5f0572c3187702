import { SEVERITIES, type Severity } from './severity.js';
import { FEATURE_BUCKETS, type SeverityFeatures } from './severity-features.js';

/** A trained linear model: for each feature bucket it uses, one weight per severity. */
export interface SeverityModel {
  /** Changes whenever the training data or the training code changes; stored on each ticket. */
  version: string;
  /** Under-triage guard: when P(0) + P(1) reaches this, the answer is 0 or 1, never 2 or 3. */
  severeShare: number;
  weights: Record<string, [number, number, number, number]>;
  trainedOn: { examples: number; batches: string[] };
}

/**
 * A model's weights laid out flat, for a model that no longer changes: a bucket's weights are found
 * by indexing, not by a lookup among tens of thousands of object keys. Training reads the weights it
 * is changing, so a model being trained has none.
 */
interface WeightTable {
  /** Per feature bucket, where its four weights start in `weights`, or 0 for a bucket the model has none for. */
  offsets: Int32Array;
  weights: Float64Array;
}

const tables = new WeakMap<SeverityModel, WeightTable>();

/** Lays the model's weights out flat (see `WeightTable`) and freezes them: call it once training is over. */
export function finishedSeverityModel(model: SeverityModel): SeverityModel {
  const buckets = Object.keys(model.weights);
  const offsets = new Int32Array(FEATURE_BUCKETS);
  // Offset 0 stays unused, so that 0 can mean "no weights".
  const weights = new Float64Array((buckets.length + 1) * SEVERITIES.length);
  for (const [position, bucket] of buckets.entries()) {
    const offset = (position + 1) * SEVERITIES.length;
    offsets[Number(bucket)] = offset;
    weights.set(model.weights[bucket]!, offset);
  }
  Object.freeze(model.weights);
  tables.set(model, { offsets, weights });
  return model;
}

/** Probability of each severity for a message (softmax of the linear scores). */
export function severityProbabilities(model: SeverityModel, features: SeverityFeatures): Record<Severity, number> {
  const table = tables.get(model);
  const scores = [0, 0, 0, 0];
  features.indices.forEach((index, position) => {
    const value = features.values[position]!;
    if (table) {
      const offset = table.offsets[index]!;
      if (offset === 0) return;
      for (const severity of SEVERITIES) scores[severity]! += table.weights[offset + severity]! * value;
      return;
    }
    const weights = model.weights[index];
    if (!weights) return;
    for (const severity of SEVERITIES) scores[severity]! += weights[severity] * value;
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
