import { Module, type DynamicModule } from '@nestjs/common';
import { REDIS_CLIENT, REDIS_KEY_PREFIX, socketIoRedisKey } from '@app/platform';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import type { ChannelPorts } from '../channel-ports.js';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ChatConversationsRepository } from './chat-conversations.repository.js';
import { ChatPersonalDataRepository } from './chat-personal-data.repository.js';
import { ChatStatusReader } from './chat-status.reader.js';
import { ChatTranscriptRepository } from './chat-transcript.repository.js';
import { ChatService } from './chat.service.js';
import { ChatAdapter } from './chat.adapter.js';

const PROVIDERS = [ChatService, ChatStatusReader, ChatAdapter, ChatBroadcaster, ChatConversationsRepository, ChatTranscriptRepository, ChatPersonalDataRepository];

/**
 * The live chat's domain side, for the gateway (`/chat` namespace) and the worker (the adapter).
 * `ports` exports `INBOUND_SINK` and `MAINTENANCE_CALENDAR`.
 */
@Module({})
export class ChatModule {
  static register(options: { ports: ChannelPorts }): DynamicModule {
    return {
      module: ChatModule,
      imports: [options.ports],
      providers: [
        ChatService,
        ChatStatusReader,
        ChatAdapter,
        { provide: ChatConversationsRepository, useFactory: (dataSource: DataSource) => new ChatConversationsRepository(dataSource), inject: [DataSource] },
        { provide: ChatTranscriptRepository, useFactory: (dataSource: DataSource) => new ChatTranscriptRepository(dataSource), inject: [DataSource] },
        { provide: ChatPersonalDataRepository, useFactory: (dataSource: DataSource) => new ChatPersonalDataRepository(dataSource), inject: [DataSource] },
        {
          provide: ChatBroadcaster,
          useFactory: (keyPrefix: string, redis: Redis) => new ChatBroadcaster(redis, socketIoRedisKey(keyPrefix)),
          inject: [REDIS_KEY_PREFIX, REDIS_CLIENT],
        },
      ],
      exports: PROVIDERS,
    };
  }
}
