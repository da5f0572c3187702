import { SimulatedCall, TwilioWebhookClient } from '../test/support/simulated-call.js';
import { findAll, spokenText, type TwimlNode } from '../test/support/twiml.js';
import { SANDBOX_TWILIO_ACCOUNT } from './sandbox-twilio-account.js';

/**
 * `npm run dev:call -- <caller> <key> [what the caller says]`: one phone call to a local gateway as
 * Twilio would make it, every webhook signed: the call comes in, the caller presses `key` on the
 * menu, leaves the message (its transcription is the text given) and hangs up. Prints what the
 * caller hears. Reads the gateway's own settings (`PORT`, `PUBLIC_BASE_URL`, `TWILIO_ACCOUNT_SID`,
 * `TWILIO_AUTH_TOKEN`), with the sandbox's account as the default.
 */
async function main(): Promise<void> {
  const [caller, key, said = 'Necesito ayuda con una factura.'] = process.argv.slice(2);
  if (!caller || key === undefined) throw new Error('usage: npm run dev:call -- <caller, e.g. +5218112345678> <menu key> ["what the caller says"]');
  const client = new TwilioWebhookClient(
    `http://127.0.0.1:${process.env.PORT ?? '3000'}`,
    process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
    process.env.TWILIO_ACCOUNT_SID ?? SANDBOX_TWILIO_ACCOUNT.accountSid,
    process.env.TWILIO_AUTH_TOKEN ?? SANDBOX_TWILIO_ACCOUNT.authToken,
  );
  const call = new SimulatedCall(client, caller);
  const heard = (step: string, twiml: TwimlNode) => console.log(`${step}: «${spokenText(twiml)}»`);

  const menu = await call.dial();
  heard('menu', menu);
  const afterChoice = await call.press(menu, key);
  heard(`pressed ${key || 'nothing'}`, afterChoice);
  if (findAll(afterChoice, 'Record').length > 0) {
    let next = await call.speak(afterChoice);
    heard('after the message', next);
    // Twilio follows our <Redirect>s (the wait for the ticket's number) as long as they come.
    for (let hops = 0; findAll(next, 'Redirect').length > 0 && hops < 10; hops += 1) {
      next = await call.follow(next);
      heard('then', next);
    }
    await call.deliver(call.recordingStatusCallback(afterChoice));
    await call.deliver(call.transcriptionCallback(afterChoice, said));
  }
  await call.deliver(call.statusCallback('completed'));
  console.log(`call ${call.callSid} ended; the sandbox prints the SMS Ventanilla sends to ${caller}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
