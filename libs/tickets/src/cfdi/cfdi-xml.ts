import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CfdiDocument } from './cfdi-document.js';

export type { CfdiDocument };

export type CfdiXmlReading = { kind: 'cfdi'; document: CfdiDocument } | { kind: 'skipped'; reason: string };

/** Far above a real CFDI (tens of KB, a few MB with thousands of concepts); larger files are kept, not read. */
export const CFDI_XML_MAX_BYTES = 4 * 1024 * 1024;

const NAMESPACES: Record<string, CfdiDocument['version']> = {
  'http://www.sat.gob.mx/cfd/4': '4.0',
  'http://www.sat.gob.mx/cfd/3': '3.3',
};
const TFD_NAMESPACE = 'http://www.sat.gob.mx/TimbreFiscalDigital';

// Entities are never expanded (no DTD is accepted at all, below), attributes kept with their prefixes.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, parseAttributeValue: false, parseTagValue: false });

type XmlElement = Record<string, unknown>;

/**
 * Reads an attached XML as a CFDI. Never unsafe: files over the size limit, any DTD or entity
 * declaration (billion laughs, external entities), malformed XML, another root or a namespace that
 * is not the SAT's are skipped with the reason, and the file stays an attachment.
 */
export function readCfdiXml(content: Buffer): CfdiXmlReading {
  if (content.length > CFDI_XML_MAX_BYTES) return skipped(`too_large: ${content.length} bytes, limit ${CFDI_XML_MAX_BYTES}`);
  const xml = content.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return skipped('dtd_not_allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return skipped(`malformed_xml: ${valid.err.msg} (line ${valid.err.line})`);
  let parsed: XmlElement;
  try {
    parsed = parser.parse(xml) as XmlElement;
  } catch (error) {
    return skipped(`malformed_xml: ${(error as Error).message}`);
  }
  const rootName = Object.keys(parsed).find((name) => /^(\w+:)?Comprobante$/.test(name));
  if (!rootName) return skipped('not_a_cfdi: the root element is not Comprobante');
  const root = parsed[rootName] as XmlElement;
  const prefix = rootName.includes(':') ? rootName.split(':')[0]! : '';
  const version = NAMESPACES[String(root[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? '')];
  if (!version) return skipped('not_a_cfdi: the namespace is not the SAT’s CFDI 3.3 or 4.0');
  const child = (name: string) => first(root[prefix ? `${prefix}:${name}` : name]);
  const emisor = child('Emisor');
  const receptor = child('Receptor');
  if (!emisor || !receptor) return skipped('not_a_cfdi: Emisor or Receptor is missing');
  return {
    kind: 'cfdi',
    document: {
      version,
      ...optional('uuid', timbreUuid(child('Complemento'), root)?.toUpperCase()),
      emisor: party(emisor),
      receptor: party(receptor),
      ...optional('total', text(root.Total)),
      ...optional('fecha', text(root.Fecha)),
      ...optional('serie', text(root.Serie)),
      ...optional('folio', text(root.Folio)),
    },
  };
}

/** The TimbreFiscalDigital's UUID, when its element carries the SAT's namespace (declared on it or on the root). */
function timbreUuid(complemento: XmlElement | undefined, root: XmlElement): string | undefined {
  if (!complemento) return undefined;
  for (const [name, value] of Object.entries(complemento)) {
    const match = /^(?:(\w+):)?TimbreFiscalDigital$/.exec(name);
    const element = first(value);
    if (!match || !element) continue;
    const key = match[1] ? `xmlns:${match[1]}` : 'xmlns';
    if ((element[key] ?? root[key]) === TFD_NAMESPACE) return text(element.UUID);
  }
  return undefined;
}

function party(element: XmlElement): { rfc: string; nombre?: string } {
  return { rfc: (text(element.Rfc) ?? '').toUpperCase(), ...optional('nombre', text(element.Nombre)) };
}

function first(value: unknown): XmlElement | undefined {
  const element = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof element === 'object' && element !== null ? (element as XmlElement) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 300) : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Reasons quote the parser, which quotes the file: no control characters (Postgres refuses NUL in JSON), bounded. */
function skipped(reason: string): CfdiXmlReading {
  return { kind: 'skipped', reason: reason.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200) };
}
