/** Touch screens: no physical keyboard, so no Shift+Enter (Enter writes a new line there, the button sends). */
export const TOUCH_SCREEN = '(pointer: coarse)';

/** Screens on which the open panel covers the page (the widget then keeps focus inside it). */
export const FULL_SCREEN = '(max-width: 480px), (max-height: 560px)';

/** The widget's only styles: inside its shadow root, so the host page's CSS neither reaches nor suffers them. */
export const WIDGET_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.vt-root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2733; }
button, input, textarea { font: inherit; color: inherit; }
/* 16 px in fields: a phone zooms the page into any smaller field it focuses. */
.vt-panel input, .vt-panel textarea { font-size: 16px; }
.vt-launcher { background: #0b5cab; color: #fff; border: 0; border-radius: 24px; padding: 12px 20px; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.vt-launcher:focus-visible, .vt-panel button:focus-visible, .vt-panel input:focus-visible, .vt-panel textarea:focus-visible { outline: 3px solid #1d2733; outline-offset: 2px; }
.vt-panel .vt-close:focus-visible { outline-color: #fff; }
.vt-panel { position: absolute; right: 0; bottom: 60px; width: min(380px, calc(100vw - 40px)); height: min(600px, calc(100vh - 100px)); display: flex; flex-direction: column; background: #fff; border-radius: 12px; box-shadow: 0 10px 40px rgba(0,0,0,.3); overflow: hidden; }
.vt-panel[hidden], [hidden] { display: none !important; }
.vt-header { background: #0b5cab; color: #fff; padding: 12px 16px; position: relative; }
.vt-header h2 { margin: 0; font-size: 16px; }
.vt-header p { margin: 2px 0 0; font-size: 12px; opacity: .9; }
.vt-close { position: absolute; top: 8px; right: 8px; background: transparent; color: #fff; border: 0; font-size: 22px; line-height: 1; padding: 4px 8px; cursor: pointer; }
.vt-notice { margin: 0; padding: 8px 16px; font-size: 13px; background: #fff4d6; border-bottom: 1px solid #f0d58a; }
.vt-notice.vt-offline { background: #fde2e1; border-color: #f3b1ad; }
.vt-body { flex: 1; min-height: 0; overflow-y: auto; padding: 12px 16px; }
.vt-conversation { flex: 1; min-height: 0; display: flex; flex-direction: column; }
.vt-start label { display: block; margin: 10px 0 4px; font-weight: 600; }
.vt-start input, .vt-start textarea, .vt-composer textarea { width: 100%; border: 1px solid #768391; border-radius: 6px; padding: 8px; background: #fff; }
.vt-start textarea { min-height: 90px; resize: vertical; }
.vt-field-error { color: #b3261e; font-size: 12px; margin: 4px 0 0; }
.vt-primary { margin-top: 12px; background: #0b5cab; color: #fff; border: 0; border-radius: 6px; padding: 10px 16px; font-weight: 600; cursor: pointer; }
.vt-log { list-style: none; margin: 0; padding: 0; }
.vt-msg { margin: 8px 0; padding: 8px 10px; border-radius: 10px; max-width: 85%; white-space: pre-wrap; overflow-wrap: anywhere; }
.vt-customer { margin-left: auto; background: #e3efff; }
.vt-agent { background: #f0f2f5; }
.vt-author { display: block; font-size: 12px; font-weight: 600; color: #44505c; }
.vt-text:empty { display: none; }
.vt-state { display: block; font-size: 11px; color: #5c6670; }
.vt-failed .vt-state { color: #b3261e; }
.vt-confirmation { margin: 10px 0; padding: 10px 12px; border: 2px solid #0b5cab; border-radius: 10px; background: #f5f9ff; white-space: pre-wrap; }
.vt-ticket { display: block; font-size: 16px; }
.vt-severity { margin: 4px 0; font-weight: 600; }
.vt-details { margin: 6px 0 0; font-size: 12px; color: #44505c; }
.vt-typing { min-height: 1.4em; margin: 0; padding: 0 16px; font-size: 12px; font-style: italic; color: #5c6670; }
.vt-composer { border-top: 1px solid #dde3ea; padding: 8px 16px 12px; }
.vt-composer label { display: block; font-weight: 600; margin-bottom: 4px; }
.vt-composer textarea { min-height: 56px; max-height: 140px; resize: vertical; }
.vt-row { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-top: 6px; }
.vt-hint { font-size: 11px; color: #5c6670; margin: 0; }
.vt-link { background: none; border: 0; color: #0b5cab; text-decoration: underline; cursor: pointer; padding: 0; font-size: 12px; }
.vt-attach { flex: none; }
.vt-attach-label { color: #0b5cab; text-decoration: underline; cursor: pointer; font-size: 12px; }
.vt-attach input:focus-visible + label { outline: 3px solid #1d2733; outline-offset: 2px; }
.vt-files { list-style: none; margin: 4px 0 0; padding: 0; font-size: 13px; }
.vt-files a { color: #0b5cab; }
@media ${TOUCH_SCREEN}, (max-width: 480px) { .vt-hint { display: none; } }
.vt-survey { margin: 10px 0; padding: 10px 12px; border: 1px solid #9aa7b5; border-radius: 10px; background: #fff; }
.vt-ratings { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
.vt-rating { flex: 1 1 90px; background: #e3efff; color: #0b3d75; border: 1px solid #0b5cab; border-radius: 6px; padding: 8px 6px; cursor: pointer; }
.vt-rating:disabled { opacity: .6; cursor: default; }
.vt-survey-status { margin: 6px 0 0; font-size: 13px; }
.vt-survey-comment label { display: block; font-weight: 600; margin: 8px 0 4px; }
.vt-survey-comment textarea { width: 100%; min-height: 56px; border: 1px solid #768391; border-radius: 6px; padding: 8px; }
/*
 * A phone, a phone's keyboard open, or a page zoomed: the panel takes the whole screen (as tall as
 * what is visible, --vt-visible-height, set from visualViewport) and scrolls as a whole rather than
 * squeezing the conversation to a line and cutting off the send button.
 */
@media ${FULL_SCREEN} {
  .vt-panel { position: fixed; top: 0; left: 0; right: 0; bottom: auto; width: auto; height: var(--vt-visible-height, 100dvh); border-radius: 0; overflow-y: auto; }
  .vt-root.vt-open .vt-launcher { display: none; }
  .vt-conversation { min-height: auto; }
  .vt-body { flex: 1 1 0; min-height: 120px; }
  .vt-composer textarea { min-height: 44px; }
  .vt-notice { padding: 6px 16px; font-size: 12px; }
}
.vt-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
