import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadCorpus } from '../../../../tools/severity-corpus.js';
import { classifySeverity, NO_WORDS_VERSION, proposeSeverity, RULES_ONLY_VERSION } from './severity-classifier.js';
import { severityFeatures } from './severity-features.js';
import { finishedSeverityModel, severityProbabilities, type SeverityModel } from './severity-model.js';
import { DEFAULT_TRAINING, trainSeverityModel } from './severity-training.js';

describe('proposeSeverity (model trained on the corpus in data/severity)', () => {
  let model: SeverityModel;

  beforeAll(() => {
    model = trainSeverityModel(loadCorpus().messages, DEFAULT_TRAINING, 'test');
  });

  it('should propose a severity with its confidence, its evidence and the model version', () => {
    const proposal = proposeSeverity(model, { channel: 'chat', text: 'Nadie en la oficina puede entrar al portal y mis colegas de otros despachos tampoco' });
    expect(proposal.severity).toBe(0);
    expect(proposal.confidence).toBeGreaterThan(0);
    expect(proposal.confidence).toBeLessThanOrEqual(1);
    expect(proposal.reasons.length).toBeGreaterThan(0);
    expect(proposal.modelVersion).toBe('test');
  });

  it('should not call a formal report of the portal being unreachable a question', () => {
    const formal = 'Estimados señores: por medio del presente les informo que desde las 13:20 no ha sido posible acceder al portal desde ninguna de nuestras sucursales. Quedo atento.';
    expect(proposeSeverity(model, { channel: 'email', subject: 'Reporte', text: formal }).severity).not.toBe(3);
  });

  it('should read a how-to question as severity 3 even when written URGENTE', () => {
    expect(proposeSeverity(model, { channel: 'chat', text: 'URGENTE!!! como cambio el logo que sale en mis facturas??' }).severity).toBe(3);
  });

  it('should give a finished model, its weights laid out flat, the same probabilities as the model it was made from', () => {
    const finished = finishedSeverityModel({ ...model, weights: { ...model.weights } });
    for (const { text, subject } of loadCorpus().messages.slice(0, 40)) {
      const features = severityFeatures({ subject, text, channel: 'email' });
      expect(severityProbabilities(finished, features)).toEqual(severityProbabilities(model, features));
    }
    expect(Object.isFrozen(finished.weights)).toBe(true);
  });

  it('should give the same model for the same corpus and options (training is deterministic)', () => {
    const corpus = loadCorpus().messages.slice(0, 60);
    expect(trainSeverityModel(corpus, { ...DEFAULT_TRAINING, epochs: 3 }, 'a').weights).toEqual(trainSeverityModel(corpus, { ...DEFAULT_TRAINING, epochs: 3 }, 'a').weights);
  });
});

describe('classifySeverity without any words', () => {
  it('should not let the model’s prior pass for a judgement: the middle severity, no confidence, to review', () => {
    expect(classifySeverity({ subject: '', text: '  ' })).toEqual({
      severity: 2,
      confidence: 0,
      reasons: ['sin descripción del cliente todavía: falta revisarla'],
      modelVersion: NO_WORDS_VERSION,
    });
  });
});

describe('classifySeverity without a trained model', () => {
  it('should fall back to the rules, saying so in the version and with a middling confidence', () => {
    const proposal = classifySeverity({ text: 'no puedo timbrar ninguna factura desde las 9' }, null);
    expect(proposal).toMatchObject({ modelVersion: RULES_ONLY_VERSION, confidence: 0.5 });
  });
});
