import { Inject, Injectable } from '@nestjs/common';
import type { Channel, OutboundFile } from '@app/channels';
import { AppSecretsRepository } from '../agents/app-secrets.repository.js';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import type { AttachmentEntity } from '../entities/attachment.entity.js';
import { GoneError, NotFoundError } from '../errors.js';
import { MessagesRepository } from '../messages.repository.js';
import { sharedFileUrl, sharedLinkState } from './file-link-signature.js';

const KEY_NAME = 'shared-file-key';
const DAY_MS = 86_400_000;

/**
 * Files agents send with a reply, as each channel carries them: mail attaches the bytes; chat
 * carries a signed link that expires (the customer has no account, the widget no download of
 * its own); SMS carries none (replies with files are refused on phone tickets).
 */
@Injectable()
export class SharedFiles {
  private key?: Promise<string>;

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly secrets: AppSecretsRepository,
    private readonly messages: MessagesRepository,
  ) {}

  /** The files of an outbound message as `channel` sends them; files whose content retention removed are left out. */
  async forDelivery(messageId: string, channel: Channel, now = new Date()): Promise<OutboundFile[]> {
    if (channel === 'phone') return [];
    const files = (await this.messages.listAttachmentsWithContent(messageId)).filter((file) => file.content);
    if (files.length === 0) return [];
    const expiresAt = new Date(now.getTime() + this.config.attachmentLinkTtlDays * DAY_MS);
    const key = channel === 'chat' ? await this.signingKey() : '';
    return files.map((file) => ({
      filename: file.filename,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      ...(channel === 'email' ? { content: file.content! } : { url: sharedFileUrl(this.config.publicBaseUrl, key, file.id, expiresAt) }),
    }));
  }

  /** The file behind a link a chat customer followed: 404 for a wrong link or file, 410 once it expired. */
  async open(attachmentId: string, exp: unknown, sig: unknown, now = new Date()): Promise<AttachmentEntity> {
    const state = sharedLinkState(await this.signingKey(), attachmentId, exp, sig, now);
    if (state === 'expired') throw new GoneError('Este enlace expiró; pide el archivo de nuevo a soporte.', 'file_link_expired');
    const file = state === 'valid' ? await this.messages.findSharedChatFile(attachmentId) : null;
    if (!file?.content) throw new NotFoundError('Este enlace no lleva a ningún archivo.', 'file_link_invalid');
    return file;
  }

  private signingKey(): Promise<string> {
    this.key ??= this.secrets.getOrCreate(KEY_NAME).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}
