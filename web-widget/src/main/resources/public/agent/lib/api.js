// The staff session (token in sessionStorage: one per tab, gone when the tab closes) and calls to the staff API.
// Tokens go in the Authorization header only, never in cookies.

const KEY = 'chatbot-staff.v1';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (s && s.token && (!s.expiresAt || Date.parse(s.expiresAt) > Date.now())) return s;
  } catch (e) {
    // a damaged entry is the same as none
  }
  return null;
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

let onSignedOut = () => {};
/** Called when the server says the session is over (expired, disabled, signed out elsewhere). */
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

export async function login(username, password) {
  const body = await call('POST', '/api/auth/login', { username, password }, { anonymous: true });
  const s = { token: body.token, role: body.role, username: body.username, displayName: body.displayName,
    expiresAt: body.expiresAt };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export async function logout() {
  try {
    await call('POST', '/api/auth/logout', {});
  } finally {
    forget();
  }
}

export async function call(method, path, body, { anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const s = session();
  if (!anonymous) {
    if (!s) {
      onSignedOut('Please sign in.');
      throw new ApiError(401, 'invalid_token', 'Please sign in.');
    }
    headers.Authorization = `Bearer ${s.token}`;
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store', redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    const code = data && data.error ? data.error : `http_${response.status}`;
    const message = data && data.message ? data.message : `The server answered ${response.status}.`;
    if (response.status === 401 && !anonymous) {
      forget();
      onSignedOut('Your session has ended. Please sign in again.');
    }
    throw new ApiError(response.status, code, message);
  }
  return data;
}
