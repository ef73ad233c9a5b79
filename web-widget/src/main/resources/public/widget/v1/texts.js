// Default texts and colours of the chat window, and the checks that `init` options pass through before they
// reach the page. Every text is shown with textContent; colours go through CSS custom properties.

export const DEFAULT_TEXTS = Object.freeze({
  title: 'Chat with us',
  subtitle: 'We usually answer in a few seconds',
  greeting: 'Hi! How can we help you today?',
  placeholder: 'Type your message…',
  inputLabel: 'Your message',
  send: 'Send',
  close: 'Close chat',
  rate: 'Rate this chat',
  botName: 'Assistant',
  systemName: 'Notice',
  you: 'You',
  agentFallbackName: 'Support agent',
  sourcePrefix: 'Source:',
  sending: 'Sending…',
  notSentYet: 'Not sent yet',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: 'You are offline. Your messages will be sent when the connection is back.',
  failed: 'The chat is not available right now.',
  typing: '{name} is typing…',
  waitingForAgent: 'Connecting you to a person… Please stay in this chat.',
  agentJoined: 'You are chatting with {name}.',
  resolved: 'This conversation is closed. You can still write to us.',
  sessionEnded: 'Your previous conversation has expired, so a new one has started.',
  quickRepliesLabel: 'Suggested replies',
  ratingPrompt: 'How did we do?',
  ratingStar: '{n} out of 5',
  ratingComment: 'Anything you want to add? (optional)',
  ratingSubmit: 'Send rating',
  ratingSkip: 'Not now',
  ratingThanks: 'Thank you for your feedback!',
  ratingNeedsScore: 'Please choose from 1 to 5 stars.',
  ratingOffline: 'We could not send your rating because the connection is down. Please try again in a moment.',
  messagesLabel: 'Messages',
});

export const DEFAULT_COLORS = Object.freeze({
  primary: '#2f6b4f',
  onPrimary: '#ffffff',
  background: '#ffffff',
  text: '#1d2521',
  customerBubble: '#2f6b4f',
  customerText: '#ffffff',
  botBubble: '#eef2ef',
  botText: '#1d2521',
});

/** Colour values accepted from options: hex, rgb(a), hsl(a) and plain colour names; nothing else. */
const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\([0-9.,%\s]+\)|hsla?\([0-9.,%\sdeg]+\)|[a-zA-Z]{3,30})$/;

export function isColor(value) {
  return typeof value === 'string' && COLOR.test(value.trim());
}

/** The texts and colours to use: defaults overridden by the valid parts of the `init` options. */
export function resolveOptions(options) {
  const o = options && typeof options === 'object' ? options : {};
  const texts = { ...DEFAULT_TEXTS };
  for (const source of [o, o.texts && typeof o.texts === 'object' ? o.texts : {}]) {
    for (const key of Object.keys(DEFAULT_TEXTS)) {
      if (typeof source[key] === 'string' && source[key].length <= 500) texts[key] = source[key];
    }
  }
  const colors = { ...DEFAULT_COLORS };
  const given = o.colors && typeof o.colors === 'object' ? o.colors : {};
  for (const key of Object.keys(DEFAULT_COLORS)) {
    if (isColor(given[key])) colors[key] = given[key].trim();
  }
  const locale = typeof o.locale === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(o.locale) ? o.locale : 'en';
  const email = typeof o.email === 'string' && o.email.length <= 320 ? o.email.trim() : '';
  return { texts, colors, locale, email };
}

/** Fills `{name}`-style holes in a text. */
export function format(text, values) {
  return text.replace(/\{(\w+)\}/g, (hole, key) => (values[key] !== undefined ? String(values[key]) : hole));
}
