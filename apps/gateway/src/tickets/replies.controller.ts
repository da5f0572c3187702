import { Body, Controller, HttpCode, Inject, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { REPLY_MAX_CHARS, RepliesService, type Actor } from '@app/tickets';
import { checkedUpload } from '../files/checked-upload.js';
import { FileUpload, type UploadedFileData } from '../files/file-upload.interceptor.js';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { optionalBoolean, optionalString, optionalText, requiredText } from '../http/body-fields.js';
import { FIELD_MAX } from '../http/field-limits.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';

@Controller('api/tickets/:number/replies')
export class RepliesController {
  constructor(
    private readonly replies: RepliesService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  private maxBytes(): number {
    return this.config.core.attachmentMaxBytes;
  }

  /**
   * A public reply goes to the customer through the ticket's channel; `internal: true` makes a note.
   * With `baseVersion` (the ticket's `version` when the agent opened it) the reply is refused with 409
   * if someone else wrote since, unless `force: true`. Sent as `multipart/form-data` it may carry one
   * file (field `file`; the other fields as text, booleans as "true"/"false"), checked by content and
   * size: mail attaches it, chat links it; phone tickets refuse it (400 `attachment_phone`).
   */
  @Post()
  @HttpCode(201)
  @UseInterceptors(FileUpload('en'))
  async create(
    @CurrentActor() actor: Actor,
    @Param('number', TicketNumberPipe) number: string,
    @Body() body: unknown,
    @UploadedFile() upload: UploadedFileData | undefined,
  ) {
    const fields = upload ? formFields(body) : ((body ?? {}) as Record<string, unknown>);
    const file = upload ? checkedUpload(upload, this.maxBytes(), 'en') : undefined;
    const result = await this.replies.reply(number, actor, {
      body: file ? optionalText('body', fields.body, REPLY_MAX_CHARS) : requiredText('body', fields.body, REPLY_MAX_CHARS),
      internal: optionalBoolean('internal', fields.internal) ?? false,
      baseVersion: optionalString('baseVersion', fields.baseVersion, FIELD_MAX.version),
      force: optionalBoolean('force', fields.force) ?? false,
      ...(file ? { files: [file] } : {}),
    });
    return {
      id: result.message.id,
      internal: result.message.internal,
      channel: result.message.channel,
      createdAt: result.message.createdAt,
      delivery: result.deliveryId ? { id: result.deliveryId, status: 'pending' } : null,
      suppressedReason: result.suppressedReason ?? null,
    };
  }
}

/** A form's fields are all text: "true"/"false" become booleans, the rest stays as sent. */
function formFields(body: unknown): Record<string, unknown> {
  const fields = { ...((body ?? {}) as Record<string, unknown>) };
  for (const name of ['internal', 'force']) {
    if (fields[name] === 'true') fields[name] = true;
    else if (fields[name] === 'false') fields[name] = false;
  }
  return fields;
}
