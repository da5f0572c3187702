import { randomBytes } from 'node:crypto';
import { DovecotServer } from '../test/support/dovecot.js';
import { SmtpSink } from '../test/support/smtp-sink.js';
import { TwilioApiFake } from '../test/support/twilio-api-fake.js';
import { SANDBOX_TWILIO_ACCOUNT } from './sandbox-twilio-account.js';

/**
 * `npm run dev:sandbox`: a local mailbox (Dovecot), an SMTP server that prints what Ventanilla
 * sends, and a stand-in for Twilio's REST API that prints the SMS: enough to try every channel on
 * a machine without Docker or accounts. It prints the settings to start Ventanilla with.
 */
async function main(): Promise<void> {
  const mailbox = await DovecotServer.start();
  const smtp = await SmtpSink.start();
  const twilio = await TwilioApiFake.start();
  const settings = {
    ...mailbox.imapEnv(),
    SMTP_URL: smtp.url,
    TWILIO_ACCOUNT_SID: SANDBOX_TWILIO_ACCOUNT.accountSid,
    TWILIO_AUTH_TOKEN: SANDBOX_TWILIO_ACCOUNT.authToken,
    TWILIO_API_URL: twilio.url,
    // Nobody can sign in without an administrator; a fresh password each run, never a known one.
    ADMIN_EMAIL: 'admin@sandbox.example.mx',
    ADMIN_PASSWORD: randomBytes(9).toString('base64url'),
  };
  console.log('Sandbox ready. In another terminal, start Ventanilla with:\n');
  console.log(`  ${Object.entries(settings).map(([name, value]) => `${name}=${value}`).join(' ')} npm start\n`);
  // Ventanilla reads PORT from the environment it is started in: the one this shell has, if any.
  console.log(`Sign in at http://localhost:${process.env.PORT ?? '3000'}/inbox as ${settings.ADMIN_EMAIL} / ${settings.ADMIN_PASSWORD}`);
  console.log('(the administrator is created only while none is active: after an earlier start, its password stays)\n');
  console.log(`Send a customer mail into the mailbox with:\n\n  IMAP_PORT=${mailbox.port} npm run dev:send-mail -- cliente@ejemplo.mx "Asunto" "Texto del mensaje"\n`);
  console.log('Call the support line (signed webhooks; press 2 on the menu, leave the message) with:\n\n  npm run dev:call -- +5218112345678 2 "No puedo timbrar mis facturas"\n');
  console.log('Or write it an SMS (a signed webhook, as Twilio posts one) with:\n\n  npm run dev:sms -- +5218112345678 "No puedo timbrar mis facturas"\n');
  console.log('Mail and SMS that Ventanilla sends are printed here. Ctrl+C stops the sandbox.\n');

  let printedMails = 0;
  let printedSms = 0;
  const timer = setInterval(() => {
    for (const mail of smtp.mails.slice(printedMails)) {
      console.log(`✉  to ${mail.envelopeTo.join(', ')}: ${mail.parsed.subject ?? ''}\n${indent(mail.parsed.text ?? '')}\n`);
    }
    printedMails = smtp.mails.length;
    for (const sms of twilio.sentMessages().slice(printedSms)) console.log(`✆  SMS to ${sms.form.To}: ${sms.form.Body}\n`);
    printedSms = twilio.sentMessages().length;
  }, 500);

  const stop = async (): Promise<void> => {
    clearInterval(timer);
    await Promise.all([mailbox.destroy(), smtp.close(), twilio.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const indent = (text: string): string =>
  text
    .trim()
    .split('\n')
    .slice(0, 12)
    .map((line) => `   ${line}`)
    .join('\n');

main().catch((error: unknown) => {
  console.error(`sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
