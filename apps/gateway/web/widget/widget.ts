import { ChatWidget } from './chat-widget.js';

/**
 * Entry of /widget.js: `<script src="https://<gateway>/widget.js" async></script>` on any page.
 * The widget lives in a shadow root, so neither the page's CSS nor ours crosses over.
 * Options (data attributes of the script tag): `data-server` (the gateway's URL, by default where
 * the script came from), `data-open="true"` (open the panel on load).
 */
(() => {
  const flag = '__ventanillaChat';
  const scope = window as unknown as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;

  const script = document.currentScript as HTMLScriptElement | null;
  const server = (script?.dataset.server ?? new URL(script?.src ?? window.location.href, window.location.href).origin).replace(/\/+$/, '');
  const open = script?.dataset.open === 'true';

  const mount = (): void => {
    const host = document.createElement('div');
    host.id = 'ventanilla-chat';
    document.body.append(host);
    new ChatWidget(host.attachShadow({ mode: 'open' }), server, { open });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount, { once: true });
  else mount();
})();
