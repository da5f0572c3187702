import { findCfdiReferences, type CfdiReferences } from './cfdi-references.js';
import { readCfdiXml, type CfdiDocument } from './cfdi-xml.js';

/** Everything a ticket knows of the customer's invoices, from their words and their attached CFDI XML. */
export interface CfdiDetails extends CfdiReferences {
  /** The attached CFDIs that could be read. */
  documents: CfdiDocument[];
  /** Attached XML that was kept as a file but not read, and why. */
  skippedXml: Array<{ filename: string; reason: string }>;
}

export interface CfdiAttachment {
  filename: string;
  contentType: string;
  content: Buffer | null;
}

export const EMPTY_CFDI_DETAILS: CfdiDetails = { rfc: [], rfcInvalid: [], uuid: [], satCodes: [], invoices: [], documents: [], skippedXml: [] };

/** At most this many attached XML files are read per message; the rest stay plain attachments. */
const MAX_XML_PER_MESSAGE = 10;

const isXml = (attachment: CfdiAttachment): boolean => /\.xml$/i.test(attachment.filename) || /[/+]xml\b/i.test(attachment.contentType);

/** Reads one message: its text and its XML attachments. */
export function readCfdiDetails(text: string, attachments: readonly CfdiAttachment[]): CfdiDetails {
  const references = findCfdiReferences(text);
  const documents: CfdiDocument[] = [];
  const skippedXml: CfdiDetails['skippedXml'] = [];
  for (const attachment of attachments.filter(isXml).slice(0, MAX_XML_PER_MESSAGE)) {
    if (!attachment.content) {
      skippedXml.push({ filename: attachment.filename, reason: 'content_not_kept' });
      continue;
    }
    const reading = readCfdiXml(attachment.content);
    if (reading.kind === 'cfdi') documents.push(reading.document);
    else skippedXml.push({ filename: attachment.filename, reason: reading.reason });
  }
  return mergeCfdiDetails([{ ...references, documents, skippedXml }]);
}

/** A ticket's details: the union of its messages', each value once, in the order first seen. */
export function mergeCfdiDetails(parts: readonly CfdiDetails[]): CfdiDetails {
  const documents = uniqueBy(parts.flatMap((part) => part.documents), (document) => document.uuid ?? JSON.stringify(document));
  const fromDocuments = {
    rfc: documents.flatMap((document) => [document.emisor.rfc, document.receptor.rfc]).filter(Boolean),
    uuid: documents.flatMap((document) => (document.uuid ? [document.uuid] : [])),
  };
  return {
    rfc: unique([...parts.flatMap((part) => part.rfc), ...fromDocuments.rfc]),
    rfcInvalid: unique(parts.flatMap((part) => part.rfcInvalid)),
    uuid: unique([...parts.flatMap((part) => part.uuid), ...fromDocuments.uuid]),
    satCodes: unique(parts.flatMap((part) => part.satCodes)),
    invoices: uniqueBy(parts.flatMap((part) => part.invoices), (invoice) => `${invoice.serie ?? ''}|${invoice.folio}`),
    documents,
    skippedXml: parts.flatMap((part) => part.skippedXml),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => !seen.has(key(value)) && seen.add(key(value)));
}
