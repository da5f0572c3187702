import { Injectable } from '@nestjs/common';
import { PermanentDeliveryError, type Channel, type ChannelSender, type SendResult } from '@app/channels';
import { deliveriesTotal, FaultInjector } from '@app/platform';
import { DeliveryRefusedError } from '@app/tickets';
import { ChannelRegistry } from '../intake/channel-registry.js';

/**
 * The channels' senders as the outbox uses them: each send counted, a refusal for good turned into
 * the tickets' own `DeliveryRefusedError`, and a fault test able to kill the worker once a provider
 * has accepted, before the send is recorded.
 */
@Injectable()
export class ChannelSenders {
  constructor(
    private readonly channels: ChannelRegistry,
    private readonly faults: FaultInjector,
  ) {}

  readonly senderFor = (channel: Channel): ChannelSender => {
    const sender = this.channels.get(channel);
    return {
      channel: sender.channel,
      send: async (message) => {
        let result: SendResult;
        try {
          result = await sender.send(message);
        } catch (error) {
          deliveriesTotal.inc({ channel: message.channel, kind: message.kind, result: 'failed' });
          if (error instanceof PermanentDeliveryError) throw new DeliveryRefusedError(error.message);
          throw error;
        }
        deliveriesTotal.inc({ channel: message.channel, kind: message.kind, result: result.status });
        this.faults.crashIfArmed('after-provider-accept');
        return result;
      },
    };
  };
}
