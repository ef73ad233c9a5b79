/*
 * Chat widget loader, version 1. Put one tag on any page:
 *
 *   <script src="https://chat.example.com/widget/v1/loader.js" async data-init></script>
 *
 * It defines one global, window.ChatbotWidget, with init(options), open(), close(), on(event, handler) and
 * off(event, handler); calls queued before it loaded (ChatbotWidget('init', {...})) run once it has. It adds a
 * launcher button and a sandboxed iframe that holds the chat; the page and the iframe talk only through
 * postMessage with each other's exact origin. Nothing from the chat is ever parsed as HTML on the page.
 */
(function () {
  'use strict';

  var NAME = 'ChatbotWidget';
  var NS = 'chatbot-widget';
  var previous = window[NAME];
  if (previous && previous.version) return; // loaded twice: the first copy stays in charge

  var script = document.currentScript;
  var scriptUrl = new URL(script && script.src ? script.src : '/widget/v1/loader.js', window.location.href);
  var frameOrigin = scriptUrl.origin;
  var frameUrl = new URL('frame.html', scriptUrl);
  frameUrl.search = '?host=' + encodeURIComponent(window.location.origin);

  var handlers = {};
  var state = { initialised: false, open: false, ready: false, unread: 0, outbox: [] };
  var root, launcher, badge, panel, iframe;

  var CSS = [
    ':host { all: initial; }',
    '.launcher { position: fixed; bottom: 20px; z-index: var(--z, 2147483000); display: flex; align-items: center;',
    '  justify-content: center; width: 60px; height: 60px; border: 0; border-radius: 50%; cursor: pointer;',
    '  background: var(--primary, #2f6b4f); color: var(--on-primary, #fff); box-shadow: 0 6px 20px rgba(0,0,0,.25);',
    '  transition: transform .15s ease; }',
    '.launcher:hover { transform: scale(1.06); }',
    '.launcher:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 3px; }',
    '.launcher svg { width: 28px; height: 28px; }',
    '.right { right: 20px; } .left { left: 20px; }',
    '.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;',
    '  border-radius: 11px; background: #c62828; color: #fff; font: 700 12px/22px system-ui, sans-serif;',
    '  text-align: center; box-shadow: 0 0 0 2px #fff; }',
    '.badge[hidden] { display: none; }',
    '.panel { position: fixed; bottom: 92px; z-index: var(--z, 2147483000); width: 380px; height: 600px;',
    '  max-height: calc(100vh - 112px); border-radius: 16px; overflow: hidden; background: #fff;',
    '  box-shadow: 0 12px 40px rgba(0,0,0,.28); }',
    '.panel[hidden] { display: none; }',
    '.panel iframe { display: block; width: 100%; height: 100%; border: 0; }',
    '@media (max-width: 520px) {',
    '  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; }',
    '  .launcher.is-open { display: none; }',
    '}'
  ].join('\n');

  function emit(name, data) {
    var list = handlers[name] ? handlers[name].slice() : [];
    for (var i = 0; i < list.length; i++) {
      try { list[i](data || {}); } catch (e) { setTimeout(function () { throw e; }); }
    }
  }

  function post(message) {
    if (!iframe) return;
    message.ns = NS;
    if (!state.ready) { state.outbox.push(message); return; }
    iframe.contentWindow.postMessage(message, frameOrigin);
  }

  function isColor(v) {
    return typeof v === 'string' && /^(#[0-9a-fA-F]{3,8}|rgba?\([0-9.,%\s]+\)|hsla?\([0-9.,%\sdeg]+\)|[a-zA-Z]{3,30})$/.test(v.trim());
  }

  /** Only plain data crosses into the frame: strings, numbers, booleans and flat objects of them. */
  function plain(value, depth) {
    if (typeof value === 'string') return value.slice(0, 500);
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (value && typeof value === 'object' && depth < 2) {
      var out = {};
      for (var k in value) {
        if (Object.prototype.hasOwnProperty.call(value, k)) {
          var v = plain(value[k], depth + 1);
          if (v !== undefined) out[k] = v;
        }
      }
      return out;
    }
    return undefined;
  }

  function optionsFromScriptTag() {
    var o = { colors: {} };
    if (!script) return o;
    var d = script.dataset;
    ['title', 'subtitle', 'greeting', 'placeholder', 'locale', 'position', 'launcherLabel'].forEach(function (k) {
      if (d[k]) o[k] = d[k];
    });
    if (d.primaryColor) o.colors.primary = d.primaryColor;
    if (d.onPrimaryColor) o.colors.onPrimary = d.onPrimaryColor;
    if (d.open === 'true') o.open = true;
    return o;
  }

  function chatIcon() {
    var svgNs = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(svgNs, 'path');
    path.setAttribute('d', 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z');
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    return svg;
  }

  function launcherText() {
    var label = state.label;
    if (state.open) return state.closeLabel;
    if (state.unread > 0) return label + ' (' + state.unread + ' unread)';
    return label;
  }

  function render() {
    launcher.setAttribute('aria-expanded', state.open ? 'true' : 'false');
    launcher.setAttribute('aria-label', launcherText());
    launcher.title = launcherText();
    launcher.classList.toggle('is-open', state.open);
    panel.hidden = !state.open;
    badge.textContent = state.unread > 99 ? '99+' : String(state.unread);
    badge.hidden = state.unread === 0 || state.open;
  }

  function onFrameMessage(event) {
    if (event.origin !== frameOrigin || !iframe || event.source !== iframe.contentWindow) return;
    var msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.ns !== NS) return;
    switch (msg.type) {
      case 'ready':
        state.ready = true;
        iframe.contentWindow.postMessage({ ns: NS, type: 'config', options: state.options, open: state.open }, frameOrigin);
        while (state.outbox.length) iframe.contentWindow.postMessage(state.outbox.shift(), frameOrigin);
        break;
      case 'unread':
        state.unread = Math.max(0, Math.min(9999, Number(msg.count) || 0));
        render();
        emit('unread', { count: state.unread });
        break;
      case 'close-request':
        api.close();
        launcher.focus();
        break;
      case 'event':
        if (typeof msg.name === 'string') emit(msg.name, msg.data);
        break;
      default:
        break;
    }
  }

  function build(options) {
    var host = document.createElement('div');
    host.id = 'chatbot-widget';
    host.setAttribute('data-chatbot-widget', 'v1');
    root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;

    var style = document.createElement('style');
    style.textContent = CSS;
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        root.adoptedStyleSheets = [sheet]; // works under a strict style-src too
        style = null;
      } catch (e) { /* fall back to the style element */ }
    }
    if (style) root.appendChild(style);

    var side = options.position === 'left' ? 'left' : 'right';
    var colors = options.colors || {};
    host.style.setProperty('--primary', isColor(colors.primary) ? colors.primary : '#2f6b4f');
    host.style.setProperty('--on-primary', isColor(colors.onPrimary) ? colors.onPrimary : '#ffffff');
    if (typeof options.zIndex === 'number') host.style.setProperty('--z', String(Math.floor(options.zIndex)));

    launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.className = 'launcher ' + side;
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.appendChild(chatIcon());
    badge = document.createElement('span');
    badge.className = 'badge';
    badge.setAttribute('aria-hidden', 'true');
    badge.hidden = true;
    launcher.appendChild(badge);
    launcher.addEventListener('click', function () {
      if (state.open) api.close(); else api.open({ focus: true });
    });

    panel = document.createElement('div');
    panel.className = 'panel ' + side;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', options.title || 'Chat');
    panel.hidden = true;
    iframe = document.createElement('iframe');
    iframe.title = options.title || 'Chat';
    iframe.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms');
    iframe.setAttribute('referrerpolicy', 'no-referrer');
    iframe.setAttribute('allow', '');
    iframe.src = frameUrl.href;
    panel.appendChild(iframe);

    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(host);
    window.addEventListener('message', onFrameMessage);
    render();
  }

  var api = function (verb) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (typeof api[verb] === 'function' && verb !== 'version') return api[verb].apply(api, args);
    return undefined;
  };

  api.version = '1';

  /** Adds the widget to the page. A second call does nothing. */
  api.init = function (options) {
    if (state.initialised) return api;
    state.initialised = true;
    var o = plain(options && typeof options === 'object' ? options : {}, 0) || {};
    state.options = o;
    state.label = typeof o.launcherLabel === 'string' && o.launcherLabel ? o.launcherLabel : 'Open chat';
    state.closeLabel = typeof o.closeLabel === 'string' && o.closeLabel ? o.closeLabel : 'Close chat';
    var go = function () {
      build(o);
      if (o.open === true) api.open();
    };
    if (document.body) go(); else document.addEventListener('DOMContentLoaded', go);
    return api;
  };

  /** Opens the chat window (and starts a conversation if there is none). */
  api.open = function (how) {
    if (!panel || state.open) return api;
    state.open = true;
    state.unread = 0;
    render();
    post({ type: 'open', focus: !!(how && how.focus) });
    if (how && how.focus) iframe.focus();
    emit('open', {});
    return api;
  };

  api.close = function () {
    if (!panel || !state.open) return api;
    state.open = false;
    render();
    post({ type: 'close' });
    emit('close', {});
    return api;
  };

  /** Events: ready, open, close, conversation, message, state, unread, rating. */
  api.on = function (event, handler) {
    if (typeof event === 'string' && typeof handler === 'function') {
      (handlers[event] = handlers[event] || []).push(handler);
    }
    return api;
  };

  api.off = function (event, handler) {
    if (handlers[event]) handlers[event] = handlers[event].filter(function (h) { return h !== handler; });
    return api;
  };

  window[NAME] = api;

  // calls made before this script arrived, in order
  var queued = previous && previous.q ? Array.prototype.slice.call(previous.q) : [];
  var hadInit = false;
  for (var i = 0; i < queued.length; i++) {
    var call = Array.prototype.slice.call(queued[i]);
    if (call[0] === 'init') hadInit = true;
    api.apply(null, call);
  }
  if (!hadInit && script && script.hasAttribute('data-init')) api.init(optionsFromScriptTag());
})();
