/**
 * The HTML part of every email, made from its text part in one place, so that the two never
 * say different things. The style is GOV.UK Notify's plain one: paragraphs of dark text on
 * white, links underlined in the link colour, no images, no headings, nothing a mail program
 * could run. Paragraphs are split on blank lines, single line breaks kept, and addresses made
 * into links; everything else is escaped.
 */
const FONT = 'font-family: Helvetica, Arial, sans-serif; font-size: 19px; line-height: 1.315789474; color: #0b0c0c;';
const PARAGRAPH = `margin: 0 0 20px 0; ${FONT}`;
const LINK = 'color: #1d70b8; text-decoration: underline;';
/** An address ends before whitespace, or before punctuation that closes a sentence. */
const URL = /https?:\/\/[^\s<>"“”]+?(?=[.,;:!?)\]’”]*(?:\s|$))/g;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One paragraph's text, escaped, with its addresses as links and its line breaks kept. */
function paragraph(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(URL)) {
    const url = match[0];
    html += escapeHtml(text.slice(from, match.index));
    html += `<a href="${escapeHtml(url)}" style="${LINK}">${escapeHtml(url)}</a>`;
    from = match.index + url.length;
  }
  html += escapeHtml(text.slice(from));
  return `<p style="${PARAGRAPH}">${html.replace(/\r?\n/g, '<br>')}</p>`;
}

/** The whole HTML part; `lang` is the recipient's language where it is known. */
export function emailHtml(text: string, lang?: string): string {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(paragraph)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    lang ? `<html lang="${escapeHtml(lang)}">` : '<html>',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>',
    `<body style="margin: 0; padding: 0; background: #ffffff;">`,
    `<div style="max-width: 580px; margin: 0 auto; padding: 20px 10px; ${FONT}">`,
    paragraphs,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}
