import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@app/platform';
import { loadWorkerConfig } from './worker-config.js';

describe('loadWorkerConfig (retention)', () => {
  it('should keep attachments 180 days and recording links 90 days after resolution when nothing is set', () => {
    expect(loadWorkerConfig({}).retention).toEqual({ attachmentDays: 180, recordingDays: 90 });
  });

  it('should take 0 as keep forever, and other whole numbers of days, when they are set', () => {
    expect(loadWorkerConfig({ RETENTION_ATTACHMENT_DAYS: '0', RETENTION_RECORDING_DAYS: '30' }).retention).toEqual({ attachmentDays: 0, recordingDays: 30 });
  });

  it('should stop with the setting’s name when a retention is not a whole number of days', () => {
    for (const value of ['-1', '1.5', 'noventa']) {
      expect(() => loadWorkerConfig({ RETENTION_RECORDING_DAYS: value })).toThrow(ConfigError);
      expect(() => loadWorkerConfig({ RETENTION_RECORDING_DAYS: value })).toThrow(/RETENTION_RECORDING_DAYS/);
    }
  });
});

describe('loadWorkerConfig (outage detection)', () => {
  it('should gather reports for 1 s and let 1,000 wait before intake jobs wait for detection when nothing is set', () => {
    expect(loadWorkerConfig({}).detection).toEqual({ gatherMs: 1_000, backlog: 1_000 });
  });

  it('should take the gather and the backlog from INCIDENT_DETECTION_GATHER_MS and INCIDENT_DETECTION_BACKLOG', () => {
    expect(loadWorkerConfig({ INCIDENT_DETECTION_GATHER_MS: '250', INCIDENT_DETECTION_BACKLOG: '50' }).detection).toEqual({ gatherMs: 250, backlog: 50 });
  });

  it('should stop with the setting’s name when the backlog is not a positive whole number', () => {
    for (const value of ['0', '-5', 'mil']) expect(() => loadWorkerConfig({ INCIDENT_DETECTION_BACKLOG: value })).toThrow(/INCIDENT_DETECTION_BACKLOG/);
  });
});

describe('loadWorkerConfig (mail form senders)', () => {
  it('should believe no Reply-To when nothing is set, and take listed addresses and domains in lower case', () => {
    expect(loadWorkerConfig({}).email.formSenders).toEqual([]);
    expect(loadWorkerConfig({ MAIL_FORM_SENDERS: 'No-Reply@Portal.mx, @formularios.portal.mx' }).email.formSenders).toEqual(['no-reply@portal.mx', '@formularios.portal.mx']);
  });

  it('should stop with the setting’s name when an entry is neither an address nor a domain', () => {
    for (const value of ['portal.mx', 'no-reply@', '@localhost']) expect(() => loadWorkerConfig({ MAIL_FORM_SENDERS: value })).toThrow(/MAIL_FORM_SENDERS/);
  });
});
