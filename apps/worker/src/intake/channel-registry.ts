import type { Channel, ChannelAdapter } from '@app/channels';

/** The channel adapters this worker runs, by channel. */
export class ChannelRegistry {
  private readonly byChannel = new Map<Channel, ChannelAdapter>();

  constructor(adapters: ChannelAdapter[]) {
    for (const adapter of adapters) this.byChannel.set(adapter.channel, adapter);
  }

  /** Channels whose items of one source are ingested in order (`inOrderBySource`). */
  get inOrderChannels(): Channel[] {
    return [...this.byChannel.values()].filter((adapter) => adapter.inOrderBySource).map((adapter) => adapter.channel);
  }

  get(channel: Channel): ChannelAdapter {
    const adapter = this.byChannel.get(channel);
    if (!adapter) throw new Error(`No adapter for channel "${channel}" in this process`);
    return adapter;
  }
}
