import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A session signed out before its token expires, until when its token would have been accepted. */
export interface SignedOutSession {
  sessionId: string;
  expiresAt: Date;
}

/** The durable record of sign-outs (the gateways' Redis copy is what each request checks). */
@Injectable()
export class SignedOutSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the sign-out, and forgets those whose tokens have expired since (nothing to refuse any more). */
  async record(session: SignedOutSession): Promise<void> {
    await this.dataSource.query(
      `WITH forgotten AS (DELETE FROM signed_out_sessions WHERE expires_at < now())
       INSERT INTO signed_out_sessions (session_id, expires_at) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING`,
      [session.sessionId, session.expiresAt],
    );
  }

  /** The sign-outs whose tokens have not expired yet. */
  async unexpired(): Promise<SignedOutSession[]> {
    const rows = (await this.dataSource.query(`SELECT session_id, expires_at FROM signed_out_sessions WHERE expires_at > now()`)) as Array<{
      session_id: string;
      expires_at: Date;
    }>;
    return rows.map((row) => ({ sessionId: row.session_id, expiresAt: new Date(row.expires_at) }));
  }
}
