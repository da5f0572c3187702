import { Module } from '@nestjs/common';
import { REDIS_CLIENT, socketIoRedisKey } from '@app/platform';
import { CORE_CONFIG, TicketsModule, type CoreConfig } from '@app/tickets';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ChatBroadcaster } from './chat-broadcaster.js';
import { ChatConversationsRepository } from './chat-conversations.repository.js';
import { ChatStatusReader } from './chat-status.reader.js';
import { ChatTranscriptRepository } from './chat-transcript.repository.js';
import { ChatService } from './chat.service.js';
import { ChatAdapter } from './chat.adapter.js';

const PROVIDERS = [ChatService, ChatStatusReader, ChatAdapter, ChatBroadcaster, ChatConversationsRepository, ChatTranscriptRepository];

/** The live chat's domain side, for the gateway (`/chat` namespace) and the worker (the adapter). */
@Module({
  imports: [TicketsModule],
  providers: [
    ChatService,
    ChatStatusReader,
    ChatAdapter,
    { provide: ChatConversationsRepository, useFactory: (dataSource: DataSource) => new ChatConversationsRepository(dataSource), inject: [DataSource] },
    { provide: ChatTranscriptRepository, useFactory: (dataSource: DataSource) => new ChatTranscriptRepository(dataSource), inject: [DataSource] },
    {
      provide: ChatBroadcaster,
      useFactory: (config: CoreConfig, redis: Redis) => new ChatBroadcaster(redis, socketIoRedisKey(config.queuePrefix)),
      inject: [CORE_CONFIG, REDIS_CLIENT],
    },
  ],
  exports: PROVIDERS,
})
export class ChatModule {}
