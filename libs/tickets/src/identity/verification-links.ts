import { Inject, Injectable } from '@nestjs/common';
import type { OutboundMessage } from '@app/channels';
import { AppSecretsRepository } from '../agents/app-secrets.repository.js';
import { CORE_CONFIG } from '../config/core-config.token.js';
import type { CoreConfig } from '../config/core-config.js';
import { DeliveryRefusedError } from '../errors.js';
import { withVerificationLink } from '../notifications/verification.template.js';
import { deriveVerificationToken, verificationUrl } from './verification-rules.js';

const KEY_NAME = 'contact-verification-key';

/** Tokens of verification links: derived from a key every process shares, so none is ever stored. */
@Injectable()
export class VerificationLinks {
  private key?: Promise<string>;

  constructor(
    @Inject(CORE_CONFIG) private readonly config: CoreConfig,
    private readonly secrets: AppSecretsRepository,
  ) {}

  async tokenFor(verificationId: string): Promise<string> {
    this.key ??= this.secrets.getOrCreate(KEY_NAME).catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return deriveVerificationToken(await this.key, verificationId);
  }

  /** The verification mail as it leaves: its stored copy with the real link put in (the outbox read the verification with it). */
  async complete(message: OutboundMessage, messageId: string, verificationId: string | null): Promise<OutboundMessage> {
    if (!verificationId) throw new DeliveryRefusedError(`no verification belongs to message ${messageId}`);
    const link = verificationUrl(this.config.publicBaseUrl, await this.tokenFor(verificationId));
    return { ...message, ...withVerificationLink(message, link) };
  }
}
