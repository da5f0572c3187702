import { Module, type DynamicModule } from '@nestjs/common';
import { CallerTickets, InboundAcceptor, PhoneCallsRepository, TicketsModule } from '@app/tickets';
import type { PhoneSettings } from './phone-config.js';
import { PhoneWebhooks } from './phone-webhooks.js';
import { TwilioSignatureVerifier } from './twilio-signature.js';
import { VoiceFlow } from './voice-flow.js';
import { VoiceResponses } from './voice-responses.js';
import { VoiceRoutes } from './voice-routes.js';

/** What the gateway needs of the phone channel: Twilio's webhooks, checked, stored and answered. */
@Module({})
export class PhoneGatewayModule {
  static register(settings: PhoneSettings): DynamicModule {
    return {
      module: PhoneGatewayModule,
      imports: [TicketsModule],
      providers: [
        {
          provide: PhoneWebhooks,
          useFactory: (acceptor: InboundAcceptor, callerTickets: CallerTickets, calls: PhoneCallsRepository) => {
            // Off while TWILIO_AUTH_TOKEN is unset: every webhook then answers 503, saying so.
            if (!settings.twilio) return new PhoneWebhooks(null, acceptor);
            const responses = new VoiceResponses(new VoiceRoutes(settings.publicBaseUrl), settings.recordingMaxSeconds);
            return new PhoneWebhooks(
              {
                verifier: new TwilioSignatureVerifier(settings.twilio.authToken, settings.publicBaseUrl),
                flow: new VoiceFlow(responses, callerTickets, calls, settings.confirmationWaitSeconds),
              },
              acceptor,
            );
          },
          inject: [InboundAcceptor, CallerTickets, PhoneCallsRepository],
        },
      ],
      exports: [PhoneWebhooks],
    };
  }
}
