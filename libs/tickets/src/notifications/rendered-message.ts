/** A message ready to send: the channel decides which parts it uses (SMS and chat take `text`). */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}
