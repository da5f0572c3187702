import { TwilioWebhookClient } from '../test/support/simulated-call.js';
import { SMS_WEBHOOK_PATH, smsWebhookFields } from '../test/support/simulated-sms.js';
import { SANDBOX_TWILIO_ACCOUNT } from './sandbox-twilio-account.js';

/**
 * `npm run dev:sms -- <sender> "text"`: one SMS to the support line, posted to a local gateway as
 * Twilio's Messaging webhook would, signed. Reads the gateway's own settings (`PORT`,
 * `PUBLIC_BASE_URL`, `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN`, `TWILIO_PHONE_NUMBER`), with the
 * sandbox's account as the default.
 */
async function main(): Promise<void> {
  const [sender, text] = process.argv.slice(2);
  if (!sender || text === undefined) throw new Error('usage: npm run dev:sms -- <sender, e.g. +5218112345678> "the text"');
  const accountSid = process.env.TWILIO_ACCOUNT_SID ?? SANDBOX_TWILIO_ACCOUNT.accountSid;
  const client = new TwilioWebhookClient(
    `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
    process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
    accountSid,
    process.env.TWILIO_AUTH_TOKEN ?? SANDBOX_TWILIO_ACCOUNT.authToken,
  );
  const fields = smsWebhookFields(sender, text, process.env.TWILIO_PHONE_NUMBER ?? '+528147771119', { AccountSid: accountSid });
  const answer = await client.post(SMS_WEBHOOK_PATH, fields);
  if (answer.status !== 200) throw new Error(`the gateway answered ${answer.status}: ${answer.text}`);
  console.log(`SMS ${fields.MessageSid} stored; the sandbox prints the SMS Ventanilla sends to ${sender}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
