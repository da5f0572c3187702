// Type only, no imports: the ticket JSON (shapes/ticket-shapes.ts) carries it to the browser.

/** What an attached CFDI (version 3.3 or 4.0) says about itself. */
export interface CfdiDocument {
  version: '3.3' | '4.0';
  /** Folio fiscal: the UUID of the TimbreFiscalDigital (absent on an unstamped draft). */
  uuid?: string;
  emisor: { rfc: string; nombre?: string };
  receptor: { rfc: string; nombre?: string };
  total?: string;
  fecha?: string;
  serie?: string;
  folio?: string;
}
