/**
 * Shows a customer's (already sanitised) HTML mail inside a sandboxed frame with its own content
 * security policy: no scripts, no access to the inbox, no remote content (images only if embedded).
 */
export function MailHtmlFrame({ html, title }: { html: string; title: string }) {
  const document = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>body{font:14px/1.45 system-ui,sans-serif;margin:8px;color:#1d2733;word-wrap:break-word}img{max-width:100%}</style>
</head><body>${html}</body></html>`;
  return <iframe class="mail-html" title={title} sandbox="" referrerpolicy="no-referrer" srcDoc={document} />;
}
