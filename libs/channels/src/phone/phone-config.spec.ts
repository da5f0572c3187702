import { describe, expect, it } from '@jest/globals';
import { ConfigError, EnvReader } from '@app/platform';
import { readPhoneSettings } from './phone-config.js';

const SID = `AC${'ab'.repeat(16)}`;
const read = (env: Record<string, string>) => readPhoneSettings(new EnvReader(env), 'https://soporte.example.mx');

describe('readPhoneSettings', () => {
  it('should leave the phone channel off while TWILIO_AUTH_TOKEN is unset', () => {
    expect(read({})).toMatchObject({ twilio: undefined, phoneNumber: '+528147771119', confirmationWaitSeconds: 10 });
  });

  it('should read the account, and a REST base URL without its trailing slash', () => {
    expect(read({ TWILIO_AUTH_TOKEN: 'token', TWILIO_ACCOUNT_SID: SID, TWILIO_API_URL: 'http://127.0.0.1:4010/' }).twilio).toEqual({
      accountSid: SID,
      authToken: 'token',
      apiUrl: 'http://127.0.0.1:4010',
    });
  });

  it('should stop start-up naming the setting when the account SID is missing or the number is not E.164', () => {
    expect(() => read({ TWILIO_AUTH_TOKEN: 'token' })).toThrow(ConfigError);
    expect(() => read({ TWILIO_AUTH_TOKEN: 'token' })).toThrow(/TWILIO_ACCOUNT_SID/);
    expect(() => read({ TWILIO_PHONE_NUMBER: '81 4777 1119' })).toThrow(/TWILIO_PHONE_NUMBER/);
  });
});
