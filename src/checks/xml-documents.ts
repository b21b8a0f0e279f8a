/**
 * `xml_is_well_formed_document(text)` read conservatively: true only for a
 * document of one root element whose tags nest and close, with plain
 * attributes, the five predefined entities and numeric character references,
 * an optional `<?xml ...?>` declaration and comments. Anything else (DTDs,
 * CDATA, processing instructions) answers false, so a row is never kept on a
 * document libxml would refuse: it is made again or cut.
 */

const NAME = '[A-Za-z_][\\w.-]*(?::[\\w.-]+)?';
const ATTRIBUTE = `\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*')`;
const TOKEN = new RegExp(`<(/?)(${NAME})((?:${ATTRIBUTE})*)\\s*(/?)>|<!--(?:(?!--)[\\s\\S])*-->|<|&`, 'g');
const ENTITY = /^&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/;
const DECLARATION = /^<\?xml(?:\s+[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*\?>/;

export function wellFormedDocument(text: string): boolean {
  let body = text;
  const declaration = DECLARATION.exec(body);
  if (declaration) body = body.slice(declaration[0].length);
  const open: string[] = [];
  let roots = 0;
  let last = 0;
  for (const m of body.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (!textAllowed(body.slice(last, index), open.length > 0)) return false;
    last = index + m[0].length;
    if (m[0] === '&') {
      const entity = ENTITY.exec(body.slice(index));
      if (!entity || open.length === 0) return false;
      last = index + entity[0].length;
      continue;
    }
    if (m[0] === '<') return false;
    if (m[2] === undefined) continue; // a comment
    if (m[1] === '/') {
      if (m[3] !== '' || m[4] !== '' || open.pop() !== m[2]) return false;
      continue;
    }
    if (open.length === 0) roots++;
    if (m[4] !== '/') open.push(m[2]);
  }
  return textAllowed(body.slice(last), false) && open.length === 0 && roots === 1;
}

/** Text between markup: anything but `<` and `&` inside the root, only white space outside it. */
function textAllowed(text: string, inside: boolean): boolean {
  if (/[<&]/.test(text)) return false;
  return inside || text.trim() === '';
}
