import { SEVERITIES, type Severity } from './severity.js';
import { severityFeatures, type SeverityFeatures } from './severity-features.js';
import type { SeverityModel } from './severity-model.js';
import { severityProbabilities } from './severity-model.js';

/** One labelled message of the corpus (data/severity): who wrote it (the batch) matters for evaluation. */
export interface LabelledMessage {
  id: string;
  batch: string;
  channel: string;
  subject: string | null;
  text: string;
  severity: Severity;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per step, scaled by the learning rate. */
  l2: number;
  /** How much an example of each severity counts: more for 0 and 1, since under-triage costs most. */
  classWeights: Record<Severity, number>;
  severeShare: number;
  seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 40,
  learningRate: 0.5,
  l2: 1e-4,
  classWeights: { 0: 1.6, 1: 1.3, 2: 1, 3: 1 },
  severeShare: 0.4,
  seed: 20261204,
};

/**
 * Multinomial logistic regression over the message features, by stochastic gradient descent with
 * per-weight adaptive steps (AdaGrad) and L2; deterministic for the same examples and options.
 */
export function trainSeverityModel(examples: readonly LabelledMessage[], options: TrainingOptions, version: string): SeverityModel {
  const featured = examples.map((example) => ({ example, features: featuresOf(example) }));
  const weights: SeverityModel['weights'] = {};
  const squares = new Map<number, number[]>();
  const model: SeverityModel = { version, severeShare: options.severeShare, weights, trainedOn: { examples: examples.length, batches: [...new Set(examples.map((example) => example.batch))].sort() } };
  const random = seeded(options.seed);
  const order = featured.map((_, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    for (const position of order) {
      const { example, features } = featured[position]!;
      const probabilities = severityProbabilities(model, features);
      const weight = options.classWeights[example.severity];
      features.indices.forEach((index, slot) => {
        const value = features.values[slot]!;
        const row = (weights[index] ??= [0, 0, 0, 0]);
        const accumulated = squares.get(index) ?? [1e-8, 1e-8, 1e-8, 1e-8];
        for (const severity of SEVERITIES) {
          const gradient = weight * (probabilities[severity] - (severity === example.severity ? 1 : 0)) * value + options.l2 * row[severity];
          accumulated[severity]! += gradient * gradient;
          row[severity] -= (options.learningRate / Math.sqrt(accumulated[severity]!)) * gradient;
        }
        squares.set(index, accumulated);
      });
    }
  }
  for (const row of Object.values(weights)) for (const severity of SEVERITIES) row[severity] = Number(row[severity].toPrecision(5));
  return model;
}

export function featuresOf(example: Pick<LabelledMessage, 'subject' | 'text' | 'channel'>): SeverityFeatures {
  return severityFeatures({ subject: example.subject, text: example.text, channel: example.channel });
}

/** mulberry32: a small seeded generator, so training gives the same model every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle(values: number[], random: () => number): void {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j]!, values[i]!];
  }
}
