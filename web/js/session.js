// session.js - the signed-in user and what their roles may open.
import * as api from './api.js';

let user = null;
let loaded = false;

// Role codes of the API; "admin" is the director. An account has one
// role, but the screens accept a list too.
export const ROLES = ['operator', 'supervisor', 'content_manager', 'coordinator',
	'liaison', 'admin'];

// Screens each role may open; the navigation and the router both use it.
const ACCESS = {
	operator: ['console', 'cases', 'directory'],
	supervisor: ['console', 'cases', 'directory', 'dashboard'],
	content_manager: ['content', 'directory', 'synonyms', 'calendar'],
	coordinator: ['content', 'directory', 'portal', 'dashboard', 'cases'],
	liaison: ['portal', 'content', 'directory'],
	admin: ['console', 'cases', 'portal', 'content', 'directory', 'synonyms', 'calendar', 'dashboard'],
};

// Load the current session once; null when nobody is signed in.
export async function loadSession(force = false) {
	if (loaded && !force)
		return user;
	try {
		const data = await api.get('/session', undefined, { quiet: true });
		setUser(data);
	} catch (e) {
		user = null;
	}
	loaded = true;
	return user;
}

function setUser(data) {
	if (!data) {
		user = null;
		return;
	}
	user = data.user || data;
	if (data.csrf_token)
		api.setCsrfToken(data.csrf_token);
}

export function currentUser() {
	return user;
}

export function roles() {
	if (!user)
		return [];
	if (Array.isArray(user.roles))
		return user.roles;
	return user.role ? [user.role] : [];
}

export function hasRole(...wanted) {
	return roles().some((r) => wanted.includes(r));
}

// True when the signed-in user may open the given screen.
export function canOpen(screen) {
	return roles().some((r) => (ACCESS[r] || []).includes(screen));
}

// The screen a user lands on after signing in.
export function homePath() {
	if (canOpen('console'))
		return '/operador';
	if (canOpen('portal') && hasRole('liaison'))
		return '/agencia';
	if (canOpen('content'))
		return '/contenido';
	if (canOpen('dashboard'))
		return '/panel';
	return '/';
}

export async function login(username, password) {
	const data = await api.post('/session', { username, password, client: 'browser' }, { quiet: true });
	setUser(data);
	loaded = true;
	return user;
}

export async function logout() {
	try {
		await api.del('/session', { quiet: true });
	} finally {
		user = null;
		api.setCsrfToken(null);
	}
}

// Forget the session without asking the server (after a 401).
export function forget() {
	user = null;
	api.setCsrfToken(null);
}
