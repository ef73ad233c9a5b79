// Calls to the admin API with what the edits need beyond the console's common helper: the file version an edit is
// based on (If-Match), dry runs, YAML bodies, and the whole error body (the validator's problems, the comparison of a
// refused activation). The token comes from the shared staff session (sessionStorage) and travels only in the
// Authorization header.
import { session, forget } from '../agent/lib/api.js';

export class AdminError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body || {};
  }
}

let signedOut = () => {};
/** Called when the server says the session is over. */
export function whenSignedOut(handler) {
  signedOut = handler;
}

/**
 * `options`: `body` (sent as JSON), `yaml` (a whole file, sent as application/yaml), `ifMatch` (a file version),
 * `blob` (answer read as a Blob instead of JSON).
 */
export async function request(method, path, options = {}) {
  const s = session();
  if (!s) {
    signedOut('Please sign in.');
    throw new AdminError(401, 'invalid_token', 'Please sign in.');
  }
  const headers = { Accept: options.blob ? '*/*' : 'application/json', Authorization: `Bearer ${s.token}` };
  let payload;
  if (options.yaml !== undefined) {
    headers['Content-Type'] = 'application/yaml';
    payload = options.yaml;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(options.body);
  }
  if (options.ifMatch) headers['If-Match'] = `"${options.ifMatch}"`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'omit', cache: 'no-store', redirect: 'error' });
  } catch (e) {
    throw new AdminError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.ok && options.blob) return response.blob();
  if (response.status === 204) return null;
  let data = null;
  try {
    data = await response.json();
  } catch (e) {
    data = null;
  }
  if (!response.ok) {
    if (response.status === 401) {
      forget();
      signedOut('Your session has ended. Please sign in again.');
    }
    const code = data && data.error ? data.error : `http_${response.status}`;
    const message = data && data.message ? data.message : `The server answered ${response.status}.`;
    throw new AdminError(response.status, code, message, data);
  }
  return data;
}

export const get = (path) => request('GET', path);
