import { Body, Controller, HttpCode, Inject, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse } from '@nestjs/swagger';
import { RepliesService, type Actor, type ReplyCreatedJson } from '@app/tickets';
import { TicketNumberPipe } from '../http/ticket-number.pipe.js';
import { CurrentActor } from '../auth/auth.decorators.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { checkedUpload } from '../files/checked-upload.js';
import { FileUpload, type UploadedFileData } from '../files/file-upload.interceptor.js';
import { CreateReplyDto } from './dto/create-reply.dto.js';
import { ReplyCreatedResponse } from './dto/ticket.response.js';

@Controller('api/tickets/:number/replies')
export class RepliesController {
  constructor(
    private readonly replies: RepliesService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * A public reply goes to the customer through the ticket's channel; `internal: true` makes a note.
   * With `baseVersion` (the ticket's `version` when the agent opened it) the reply is refused with 409
   * if someone else wrote since, unless `force: true`. Sent as `multipart/form-data` it may carry one
   * file (field `file`; booleans as "true"/"false"), checked by content and size: mail attaches it,
   * chat links it; phone tickets refuse it (400 `attachment_phone`).
   */
  @Post()
  @HttpCode(201)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CreateReplyDto })
  @ApiCreatedResponse({ type: ReplyCreatedResponse })
  @UseInterceptors(FileUpload(['internal', 'force']))
  async create(
    @CurrentActor() actor: Actor,
    @Param('number', TicketNumberPipe) number: string,
    @Body() reply: CreateReplyDto,
    @UploadedFile() upload: UploadedFileData | undefined,
  ): Promise<ReplyCreatedJson> {
    const file = upload ? checkedUpload(upload, this.config.core.attachmentMaxBytes) : undefined;
    const result = await this.replies.reply(number, actor, {
      body: reply.body,
      internal: reply.internal ?? false,
      baseVersion: reply.baseVersion ?? undefined,
      force: reply.force ?? false,
      ...(file ? { files: [file] } : {}),
    });
    return {
      id: result.message.id,
      internal: result.message.internal,
      channel: result.message.channel,
      createdAt: result.message.createdAt.toISOString(),
      delivery: result.deliveryId ? { id: result.deliveryId, status: 'pending' } : null,
      suppressedReason: result.suppressedReason ?? null,
    };
  }
}
