import { findCfdiReferences } from '../cfdi/cfdi-references.js';
import { readByRules, type RuleCue, type SeverityInput } from './severity-rules.js';
import type { Severity } from './severity.js';

/** Size of the hashed feature space: n-grams fall into buckets (collisions cost little at this size). */
export const FEATURE_BUCKETS = 1 << 18;

/** A message as the model reads it: sparse feature values, and what each feature is, for explanations. */
export interface SeverityFeatures {
  indices: number[];
  values: number[];
  /** Readable name of each index (words, word pairs, rule cues; character n-grams are not named). */
  names: Map<number, string>;
  /** What the rules made of the message: the strongest evidence, also kept as features. */
  rules: { severity: Severity; cues: RuleCue[] };
}

const TOKEN = /[a-z0-9ñ]+/g;
const MAX_TOKENS = 1_500;

/**
 * Features of one message: word unigrams and bigrams and character 3- to 5-grams of the customer's
 * own words (quotes, signatures and contact data dropped; lower case, no accents), each group
 * scaled to unit length; plus, at full weight, each cue the rules found, the rules' severity, the
 * channel, and whether the customer quotes a SAT validation code or names an invoice. Linear in the text, which the rules already bound to 8,000 characters.
 */
export function severityFeatures(input: SeverityInput & { channel?: string }): SeverityFeatures {
  const reading = readByRules(input);
  const tokens = (reading.folded.match(TOKEN) ?? []).slice(0, MAX_TOKENS);
  const features = new Map<number, number>();
  const names = new Map<number, string>();
  const addAt = (index: number, value: number, readable?: string) => {
    features.set(index, (features.get(index) ?? 0) + value);
    if (readable) names.set(index, readable);
  };
  const add = (name: string, value: number, readable?: string) => addAt(bucket(hash(name)), value, readable);
  const words = new Set(tokens);
  const pairs = new Set(tokens.slice(1).map((token, index) => `${tokens[index]} ${token}`));
  for (const [group, values] of [
    ['w', words],
    ['b', pairs],
  ] as const) {
    const weight = values.size > 0 ? 1 / Math.sqrt(values.size) : 0;
    // `${group}:${value}` hashed without building it: the prefix's hash goes on over the value.
    const prefix = hash(`${group}:`);
    for (const value of values) addAt(bucket(hash(value, prefix)), weight, `«${value}»`);
  }
  const grams = characterGrams(words);
  const gramWeight = grams.length > 0 ? 1 / Math.sqrt(grams.length) : 0;
  for (const hashed of grams) addAt(bucket(hashed), gramWeight);
  for (const cue of reading.cues) add(`r:${cue.name}`, 1, `${cue.label}: '${cue.excerpt}'`);
  // A SAT validation code usually names one rejected invoice (2) unless the customer says many fail.
  const cfdi = findCfdiReferences(reading.clean);
  if (cfdi.satCodes.length > 0) add('k:sat-code', 1, `código de validación del SAT: ${cfdi.satCodes.slice(0, 2).join(', ')}`);
  if (cfdi.uuid.length + cfdi.invoices.length > 0) add('k:invoice-named', 1, 'una factura identificada (folio o UUID)');
  add(`v:${reading.severity}`, 1);
  add(`ch:${input.channel ?? 'unknown'}`, 1);
  add('bias', 1);
  return { indices: [...features.keys()], values: [...features.values()], names, rules: { severity: reading.severity, cues: reading.cues } };
}

const GRAM_PREFIX = hash('c:');

/**
 * The distinct character 3- to 5-grams of the words (each padded with a space on both sides), as
 * the hashes of `c:` and the gram: each start's three grams share their first characters' hashing,
 * and no substring is built. Distinct by hash: two grams of one message with the same 32-bit hash
 * (about one message in 50,000) count once.
 */
function characterGrams(words: ReadonlySet<string>): number[] {
  const seen = new Set<number>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let at = 0; at + 3 <= padded.length; at += 1) {
      let value = GRAM_PREFIX;
      for (let size = 1; size <= 5 && at + size <= padded.length; size += 1) {
        value = Math.imul(value ^ padded.charCodeAt(at + size - 1), 0x01000193);
        if (size >= 3) seen.add(value);
      }
    }
  }
  return [...seen];
}

/** FNV-1a, 32 bits, of `text`, or of what `from` hashed followed by `text` when it is given. */
function hash(text: string, from = 0x811c9dc5): number {
  let value = from;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value;
}

function bucket(hashed: number): number {
  return (hashed >>> 0) % FEATURE_BUCKETS;
}
