// The sign-in: a token from the URL fragment (#token=...) or entered once, kept in localStorage.

const KEY = 'gridgov.token';

/** Reads #token=...&district=... once, keeps the token, and takes it out of the address bar. */
export function readFragment() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = params.get('token');
  if (token) localStorage.setItem(KEY, token.trim());
  if (params.has('token')) {
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  }
  return { district: params.get('district') };
}

export const token = () => localStorage.getItem(KEY) ?? '';
export const setToken = (value) => localStorage.setItem(KEY, value.trim());
export const signOut = () => localStorage.removeItem(KEY);

/** The token's claims (role, scope), unverified: only to choose where the page starts. */
export function claims() {
  try {
    const part = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET a JSON resource of the API with the bearer token. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token()}`, Accept: 'application/json' } });
  if (!response.ok) throw new HttpError(response.status, `${path}: ${response.status}`);
  return response.json();
}
