import { SMTPServer } from 'smtp-server';

/**
 * A mail server for the system under test that accepts every mail and only counts it: the
 * scenarios that do not read mail (calls, chat starts) still send what production sends (a chat
 * start's verification mail) without the bench spending its CPU on parsing it.
 */
export class CountingSmtpSink {
  accepted = 0;
  url = '';
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => {
        this.accepted += 1;
        callback();
      });
    },
  });

  static async start(): Promise<CountingSmtpSink> {
    const sink = new CountingSmtpSink();
    const port = await new Promise<number>((resolve, reject) => {
      sink.server.once('error', reject);
      sink.server.listen(0, '127.0.0.1', () => resolve((sink.server.server.address() as { port: number }).port));
    });
    sink.url = `smtp://127.0.0.1:${port}`;
    return sink;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
