import { Logger, Module, type DynamicModule } from '@nestjs/common';
import type { ChannelPorts } from '../channel-ports.js';
import { INBOUND_SINK, type InboundSink } from '../contract/inbound-sink.js';
import { CALL_TICKET_FINDER, CALLER_TICKET_FINDER, type CallerTicketFinder, type CallTicketFinder } from './call-tickets.js';
import type { PhoneSettings } from './phone-config.js';
import { PhoneWebhooks } from './phone-webhooks.js';
import { TwilioSignatureVerifier } from './twilio-signature.js';
import { VoiceFlow } from './voice-flow.js';
import { VoiceResponses } from './voice-responses.js';
import { VoiceRoutes } from './voice-routes.js';
import { MAINTENANCE_CALENDAR, type MaintenanceCalendar } from '../contract/maintenance-calendar.js';
import { OUTAGE_BOARD, type OutageBoard } from '../contract/outage-board.js';

/**
 * What the gateway needs of the phone channel: Twilio's webhooks, checked, stored and answered.
 * `ports` exports `INBOUND_SINK`, `CALLER_TICKET_FINDER`, `CALL_TICKET_FINDER`, `OUTAGE_BOARD` and `MAINTENANCE_CALENDAR`.
 */
@Module({})
export class PhoneGatewayModule {
  static register(options: { settings: PhoneSettings; ports: ChannelPorts }): DynamicModule {
    const { settings } = options;
    return {
      module: PhoneGatewayModule,
      imports: [options.ports],
      providers: [
        {
          provide: PhoneWebhooks,
          useFactory: (inbound: InboundSink, callerTickets: CallerTicketFinder, calls: CallTicketFinder, outages: OutageBoard, maintenance: MaintenanceCalendar) => {
            // Off while TWILIO_AUTH_TOKEN is unset: every webhook then answers 503, saying so.
            if (!settings.twilio) {
              new Logger(PhoneGatewayModule.name).warn('phone is off (TWILIO_AUTH_TOKEN unset): Twilio webhooks answer 503');
              return new PhoneWebhooks(null, inbound);
            }
            const responses = new VoiceResponses(new VoiceRoutes(settings.publicBaseUrl), settings.recordingMaxSeconds);
            return new PhoneWebhooks(
              {
                verifier: new TwilioSignatureVerifier(settings.twilio.authToken, settings.publicBaseUrl),
                flow: new VoiceFlow(responses, callerTickets, calls, { outages, maintenance }, settings.confirmationWaitSeconds),
              },
              inbound,
            );
          },
          inject: [INBOUND_SINK, CALLER_TICKET_FINDER, CALL_TICKET_FINDER, OUTAGE_BOARD, MAINTENANCE_CALENDAR],
        },
      ],
      exports: [PhoneWebhooks],
    };
  }
}
