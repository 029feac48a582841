// main.js - the application shell: routes, navigation by role, language
// switch and focus handling on every screen change.
import { h, replace, focus, announce } from './dom.js';
import { t, lang, setLang, onLangChange } from './i18n.js';
import { onUnauthorized } from './api.js';
import * as session from './session.js';
import { parseCaseNumber } from './format.js';
import { navigate, openCaseNumber, setRenderer } from './router.js';

import { renderLogin } from './views/login.js';
import { renderConsole } from './views/console.js';
import { renderCaseStatus } from './views/case_status.js';
import { renderPortal } from './views/portal.js';
import { renderPortalCase } from './views/portal_case.js';
import { renderContentList } from './views/content_list.js';
import { renderEditor } from './views/editor.js';
import { renderCompare } from './views/compare.js';
import { renderDirectory, renderAgency, renderOffice } from './views/directory.js';
import { renderSynonyms } from './views/synonyms.js';
import { renderCalendar } from './views/calendar.js';
import { renderDashboard } from './views/dashboard.js';
import { renderCitizenHome, renderCitizenService, renderCitizenRequest,
	renderCitizenLookup } from './views/citizen.js';
import { renderNotFound } from './views/not_found.js';

// Each route: path pattern, view, and the screen a role must be allowed to
// open (null for the public citizen pages).
const ROUTES = [
	['/', renderCitizenHome, null],
	['/ingresar', renderLogin, null],
	['/servicios/:id', renderCitizenService, null],
	['/solicitud', renderCitizenRequest, null],
	['/consulta', renderCitizenLookup, null],
	['/consulta/:number', renderCitizenLookup, null],
	['/operador', renderConsole, 'console'],
	['/operador/servicios/:id', renderConsole, 'console'],
	['/casos/:number', renderCaseStatus, 'cases'],
	['/agencia', renderPortal, 'portal'],
	['/agencia/casos/:id', renderPortalCase, 'portal'],
	['/contenido', renderContentList, 'content'],
	['/contenido/servicios/nuevo', renderEditor, 'content'],
	['/contenido/servicios/:id', renderEditor, 'content'],
	['/contenido/servicios/:id/comparar', renderCompare, 'content'],
	['/directorio', renderDirectory, 'directory'],
	['/directorio/agencias/:id', renderAgency, 'directory'],
	['/directorio/oficinas/:id', renderOffice, 'directory'],
	['/sinonimos', renderSynonyms, 'synonyms'],
	['/calendario', renderCalendar, 'calendar'],
	['/panel', renderDashboard, 'dashboard'],
];

// Navigation entries by screen, in the order they appear.
const NAV = [
	['console', '/operador', 'nav.console'],
	['portal', '/agencia', 'nav.portal'],
	['content', '/contenido', 'nav.content'],
	['directory', '/directorio', 'nav.directory'],
	['synonyms', '/sinonimos', 'nav.synonyms'],
	['calendar', '/calendario', 'nav.calendar'],
	['dashboard', '/panel', 'nav.dashboard'],
];

const CITIZEN_NAV = [
	['/', 'nav.citizen_home'],
	['/solicitud', 'nav.citizen_request'],
	['/consulta', 'nav.citizen_lookup'],
];

let cleanup = null;
let renderToken = 0;

function matchRoute(path) {
	const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
	for (const [pattern, view, screen] of ROUTES) {
		const want = pattern.split('/').filter(Boolean);
		if (want.length !== parts.length)
			continue;
		const params = {};
		let ok = true;
		for (let i = 0; i < want.length && ok; i++) {
			if (want[i].startsWith(':'))
				params[want[i].slice(1)] = decodeURIComponent(parts[i]);
			else if (want[i] !== parts[i])
				ok = false;
		}
		if (ok)
			return { view, screen, params };
	}
	return null;
}

function renderNav(path) {
	const nav = document.getElementById('nav');
	nav.setAttribute('aria-label', t('nav.label'));
	const items = [];
	const entries = session.currentUser()
		? NAV.filter(([screen]) => session.canOpen(screen)).map(([, href, key]) => [href, key])
		: CITIZEN_NAV;
	for (const [href, key] of entries) {
		const active = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
		items.push(h('li', null, h('a', {
			href, 'aria-current': active ? 'page' : null,
		}, t(key))));
	}
	replace(nav, h('ul', null, items));
}

function renderTools() {
	const tools = document.getElementById('topbar-tools');
	const other = lang() === 'es' ? 'en' : 'es';
	const langButton = h('button', {
		type: 'button', class: 'btn btn-ghost lang-switch', id: 'lang-switch',
		lang: other, 'aria-label': t('lang.switch_label'),
		onclick: () => setLang(other),
	}, t('lang.switch'));
	const user = session.currentUser();
	const parts = [];
	if (user && session.canOpen('cases') && location.pathname !== '/operador' &&
	    !location.pathname.startsWith('/operador/'))
		parts.push(caseBox());
	parts.push(langButton);
	if (user) {
		parts.push(h('span', { class: 'user-name' }, user.display_name || user.name || user.username || ''));
		parts.push(h('button', {
			type: 'button', class: 'btn btn-ghost', id: 'logout',
			onclick: async () => {
				await session.logout().catch(() => null);
				navigate('/ingresar');
				announce(t('login.signed_out'));
			},
		}, t('nav.logout')));
	} else if (location.pathname !== '/ingresar') {
		parts.push(h('a', { class: 'btn btn-ghost', href: '/ingresar', id: 'login-link' }, t('nav.login')));
	}
	replace(tools, parts);
}

// The small "case number" box in the top bar of staff screens.
function caseBox() {
	const input = h('input', {
		type: 'search', id: 'topbar-case', class: 'input-compact', inputmode: 'text',
		placeholder: '311-AAAA-NNNNNN', autocomplete: 'off',
		'aria-describedby': 'topbar-case-hint',
	});
	const form = h('form', {
		class: 'topbar-case', role: 'search', 'aria-label': t('casebox.label'),
		onsubmit: (e) => {
			e.preventDefault();
			const number = parseCaseNumber(input.value);
			if (number)
				openCaseNumber(number);
			else
				announce(t('casebox.invalid'));
		},
	},
	h('label', { for: 'topbar-case', class: 'visually-hidden' }, t('casebox.label')),
	input,
	h('span', { id: 'topbar-case-hint', class: 'visually-hidden' }, t('casebox.hint')),
	h('button', { type: 'submit', class: 'btn btn-small' }, t('casebox.open')));
	return form;
}

function renderChrome(path) {
	document.documentElement.lang = lang();
	document.getElementById('skip-link').textContent = t('nav.skip');
	const brand = document.getElementById('brand');
	brand.setAttribute('href', session.currentUser() ? session.homePath() : '/');
	document.getElementById('brand-text').textContent = t('app.name');
	renderNav(path);
	renderTools();
}

// Render the screen of the current location.
async function render({ moveFocus = false } = {}) {
	const token = ++renderToken;
	const path = location.pathname;
	const main = document.getElementById('main');
	await session.loadSession();
	if (token !== renderToken)
		return;

	if (cleanup) {
		try {
			cleanup();
		} catch (e) {
			console.error(e);
		}
		cleanup = null;
	}
	renderChrome(path);
	const match = matchRoute(path);
	const query = new URLSearchParams(location.search);
	if (match && match.screen && !session.currentUser()) {
		navigate(`/ingresar?siguiente=${encodeURIComponent(path + location.search)}`, { replaceState: true });
		return;
	}
	// Each render gets a container of its own, so a view still loading
	// when the user moves on writes into a detached element, never into
	// the next screen.
	const screen = h('div', { class: 'screen' });
	main.replaceChildren(screen);
	main.setAttribute('aria-busy', 'true');
	let viewCleanup = null;
	try {
		if (!match)
			await renderNotFound(screen, {}, query);
		else if (match.screen && !session.canOpen(match.screen))
			await renderNotFound(screen, { forbidden: true }, query);
		else
			viewCleanup = await match.view(screen, match.params, query);
	} catch (e) {
		console.error(e);
		screen.replaceChildren(h('div', { class: 'alert alert-error', role: 'alert' }, e.message || String(e)));
	}
	if (token !== renderToken) {
		// A newer screen replaced this one while it loaded.
		if (viewCleanup)
			viewCleanup();
		return;
	}
	cleanup = viewCleanup || null;
	main.removeAttribute('aria-busy');
	const heading = main.querySelector('h1');
	document.title = heading ? `${heading.textContent} · ${t('app.name')}` : t('app.name');
	// A view that wants the focus elsewhere (the console's search box)
	// marks the element with data-autofocus.
	const auto = main.querySelector('[data-autofocus]');
	const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
	if (target) {
		target.scrollIntoView({ block: 'start' });
		focus(target);
	} else if (auto)
		auto.focus();
	else if (moveFocus && heading)
		focus(heading);
}

// Links inside the application change the screen without a reload.
document.addEventListener('click', (e) => {
	if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
		return;
	const a = e.target.closest('a[href]');
	if (!a || a.target || a.hasAttribute('download'))
		return;
	const url = new URL(a.href, location.href);
	if (url.origin !== location.origin || url.pathname.startsWith('/api/') ||
	    /\.[a-z0-9]+$/i.test(url.pathname))
		return;
	if (url.pathname === location.pathname && url.search === location.search && url.hash) {
		return; // an in-page anchor
	}
	e.preventDefault();
	navigate(url.pathname + url.search + url.hash);
});

window.addEventListener('popstate', () => render({ moveFocus: true }));
onLangChange(() => {
	render({ moveFocus: false }).then(() => {
		const button = document.getElementById('lang-switch');
		if (button)
			button.focus();
		announce(t('lang.changed'));
	});
});
onUnauthorized(() => {
	session.forget();
	if (!location.pathname.startsWith('/ingresar'))
		navigate(`/ingresar?siguiente=${encodeURIComponent(location.pathname + location.search)}`, { replaceState: true });
});

export function refreshChrome() {
	renderChrome(location.pathname);
}

setRenderer(render);
render();
