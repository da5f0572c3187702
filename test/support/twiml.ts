import { DomUtils, parseDocument } from 'htmlparser2';

/** One TwiML element, as Twilio reads it. */
export interface TwimlNode {
  name: string;
  attributes: Record<string, string>;
  /** All text inside, including `<say-as>` children. */
  text: string;
  children: TwimlNode[];
}

/** Parses a TwiML document as XML (case kept) and returns its `<Response>`; throws when it is not one. */
export function parseTwiml(xml: string): TwimlNode {
  const document = parseDocument(xml, { xmlMode: true });
  const root = DomUtils.getChildren(document).find((node) => DomUtils.isTag(node));
  if (!root || !DomUtils.isTag(root) || root.name !== 'Response') throw new Error(`not a TwiML <Response>: ${xml.slice(0, 200)}`);
  const toNode = (element: typeof root): TwimlNode => ({
    name: element.name,
    attributes: { ...element.attribs },
    text: DomUtils.textContent(element),
    children: element.children.filter(DomUtils.isTag).map(toNode),
  });
  return toNode(root);
}

/** Every element with this name, at any depth, in document order. */
export function findAll(node: TwimlNode, name: string): TwimlNode[] {
  return node.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

/** What the caller hears, in order: the text of every `<Say>`. */
export function spokenText(node: TwimlNode): string {
  return findAll(node, 'Say')
    .map((say) => say.text)
    .join(' ');
}
