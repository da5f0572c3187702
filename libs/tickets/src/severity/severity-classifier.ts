import { SEVERITIES, type Severity } from './severity.js';
import { severityFeatures } from './severity-features.js';
import { severityProbabilities, strongestCues, type SeverityModel } from './severity-model.js';
import { builtSeverityModel } from './severity-model-file.js';
import { classifyByRules, type SeverityInput } from './severity-rules.js';

/** Rule cues that carry clear evidence of a failure happening now, for everyone or for a whole process. */
const OUTAGE_EVIDENCE = new Set(['othersAffected', 'wholeService', 'allUsers', 'portalDown', 'multiProcess', 'coreBlocked']);

/** What the classifier proposes for a message; L1 confirms or changes it. */
export interface SeverityProposal {
  severity: Severity;
  /** Probability of the proposed severity (0-1): low means an agent should look. */
  confidence: number;
  /** The evidence that decided it, most decisive first (rule cues, words). */
  reasons: string[];
  modelVersion: string;
}

/**
 * Severity from the trained model, with two guarantees: when the message makes an outage likely
 * (P(0) + P(1) at or above the model's `severeShare`) the answer is 0 or 1, never 2 or 3; and a
 * message in which the rules find clear evidence of a failure now is never answered 3.
 */
export function proposeSeverity(model: SeverityModel, input: SeverityInput & { channel?: string }): SeverityProposal {
  const features = severityFeatures(input);
  const probabilities = severityProbabilities(model, features);
  const ranked = [...SEVERITIES].sort((a, b) => probabilities[b] - probabilities[a]);
  let severity = ranked[0]!;
  if (severity >= 2 && probabilities[0] + probabilities[1] >= model.severeShare) severity = probabilities[0] >= probabilities[1] ? 0 : 1;
  // Clear evidence of something down now is never "a question": at worst it is an incident.
  if (severity === 3 && features.rules.cues.some((cue) => OUTAGE_EVIDENCE.has(cue.name))) severity = ranked.find((candidate) => candidate !== 3)!;
  const confidence = probabilities[severity];
  const ruleCues = features.rules.cues.map((cue) => `${cue.label}: '${cue.excerpt}'`);
  const words = strongestCues(model, features, severity, 3).filter((cue) => !ruleCues.includes(cue));
  return { severity, confidence, reasons: [...ruleCues.slice(0, 3), ...words].slice(0, 5), modelVersion: model.version };
}

/** The version stored on tickets whose severity the rules alone proposed (a build without a model). */
export const RULES_ONLY_VERSION = 'rules-v1';
/** The "version" of a proposal made without any words of the customer's: nothing was classified. */
export const NO_WORDS_VERSION = 'sin-texto';

/** The build's model if there is one, else the rules with a middling confidence (so L1 looks). */
export function classifySeverity(input: SeverityInput & { channel?: string }, model: SeverityModel | null = builtSeverityModel()): SeverityProposal {
  // No words yet (a call before its transcription, a mail of attachments only): the model would
  // answer its prior with a confidence that passes for a judgement. The middle severity, for L1 to set.
  if (!input.subject?.trim() && !input.text.trim()) {
    return { severity: 2, confidence: 0, reasons: ['sin descripción del cliente todavía: falta revisarla'], modelVersion: NO_WORDS_VERSION };
  }
  if (model) return proposeSeverity(model, input);
  const rules = classifyByRules(input);
  return { ...rules, confidence: 0.5, modelVersion: RULES_ONLY_VERSION };
}
