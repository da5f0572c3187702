import { ChatConversationEntity } from './chat/chat-conversation.entity.js';
import { ChatEntryEntity } from './chat/chat-entry.entity.js';

/** The tables the channels keep (the apps add them to their data source); their migrations are in libs/tickets. */
export const CHANNEL_ENTITIES = [ChatConversationEntity, ChatEntryEntity];
