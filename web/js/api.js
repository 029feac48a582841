// api.js - calls to the linea311 JSON API under /api/v1.
//
// The session lives in an HttpOnly cookie that the server sets at login;
// writes also carry the CSRF token that the session resource returns, in
// the X-CSRF-Token header. Errors come back as ApiError with the server's
// message, already in the interface language (Accept-Language).
import { lang } from './i18n.js';

const BASE = '/api/v1';
const CSRF_KEY = 'linea311.csrf';

let csrfToken = null;
try {
	csrfToken = sessionStorage.getItem(CSRF_KEY);
} catch (e) {
	csrfToken = null;
}

export function setCsrfToken(token) {
	csrfToken = token || null;
	try {
		if (csrfToken)
			sessionStorage.setItem(CSRF_KEY, csrfToken);
		else
			sessionStorage.removeItem(CSRF_KEY);
	} catch (e) {
		// Kept in memory only.
	}
}

export class ApiError extends Error {
	constructor(status, code, message, field) {
		super(message);
		this.status = status;
		this.code = code;
		this.field = field;
	}
}

// Listeners told when a request comes back 401, so the shell can send the
// user to the login screen.
const unauthorizedListeners = [];
export function onUnauthorized(fn) {
	unauthorizedListeners.push(fn);
}

// Build "path?a=1&b=2" from an object, leaving out empty values.
export function withQuery(path, query) {
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(query || {})) {
		if (value !== undefined && value !== null && value !== '')
			params.set(name, String(value));
	}
	const text = params.toString();
	return text ? `${path}?${text}` : path;
}

// Send a request and return the parsed JSON body (null for 204).
export async function request(method, path, body, options = {}) {
	const headers = { Accept: 'application/json', 'Accept-Language': lang() };
	const init = { method, headers, credentials: 'same-origin', signal: options.signal };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	if (method !== 'GET' && csrfToken)
		headers['X-CSRF-Token'] = csrfToken;

	let res;
	try {
		res = await fetch(BASE + path, init);
	} catch (e) {
		if (e.name === 'AbortError')
			throw e;
		throw new ApiError(0, 'network', lang() === 'en'
			? 'The server could not be reached. Check the connection and try again.'
			: 'No se pudo contactar el servidor. Verifique la conexión e intente de nuevo.');
	}
	if (res.status === 204)
		return null;
	let data = null;
	const type = res.headers.get('Content-Type') || '';
	if (type.includes('json'))
		data = await res.json().catch(() => null);
	if (!res.ok) {
		const err = data && data.error ? data.error : {};
		if (res.status === 401 && !options.quiet)
			for (const fn of unauthorizedListeners)
				fn();
		throw new ApiError(res.status, err.code || `http_${res.status}`,
			err.message || `HTTP ${res.status}`, err.field || null);
	}
	return data;
}

export const get = (path, query, options) => request('GET', withQuery(path, query), undefined, options);
export const post = (path, body, options) => request('POST', path, body === undefined ? {} : body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const patch = (path, body, options) => request('PATCH', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);
