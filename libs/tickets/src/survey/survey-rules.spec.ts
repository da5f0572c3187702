import { describe, expect, it } from '@jest/globals';
import { parseRating, ratingInSms, surveyUrl, verifiedSurveyId } from './survey-rules.js';

const KEY = 'clave'.repeat(9);
const ID = '0c6f4a8e-1b2c-4d3e-8f90-123456789abc';

describe('survey links', () => {
  const url = new URL(surveyUrl('https://soporte.example.mx', KEY, ID));

  it('should name the survey and prove it with a signature only our key makes', () => {
    expect(url.pathname).toBe('/encuesta');
    expect(verifiedSurveyId(KEY, url.searchParams.get('id'), url.searchParams.get('firma'))).toBe(ID);
    expect(verifiedSurveyId('otra'.repeat(10), url.searchParams.get('id'), url.searchParams.get('firma'))).toBeUndefined();
  });

  it('should open no other survey with a signature, and refuse malformed ids and signatures', () => {
    expect(verifiedSurveyId(KEY, ID.replace(/c$/, 'd'), url.searchParams.get('firma'))).toBeUndefined();
    expect(verifiedSurveyId(KEY, 'IF-000001', url.searchParams.get('firma'))).toBeUndefined();
    expect(verifiedSurveyId(KEY, ID, 'corta')).toBeUndefined();
    expect(verifiedSurveyId(KEY, ID, undefined)).toBeUndefined();
  });
});

describe('parseRating', () => {
  it('should take 1 to 5 as numbers or form text, and nothing else', () => {
    expect([parseRating(5), parseRating('1'), parseRating(' 3 ')]).toEqual([5, 1, 3]);
    expect([parseRating(0), parseRating(6), parseRating('4.5'), parseRating('cinco'), parseRating(null)]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('ratingInSms', () => {
  it('should read an SMS that is only a rating, a final period allowed, and no other text', () => {
    expect([ratingInSms('5'), ratingInSms(' 4. '), ratingInSms('1!')]).toEqual([5, 4, 1]);
    expect([ratingInSms('5 gracias'), ratingInSms('10'), ratingInSms('0'), ratingInSms('')]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
