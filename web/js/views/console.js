// console.js - the operator console, made for speed on a call: the search
// box has the focus, results come while typing, a service opens beside
// them by section, and a case number opens the case for a follow-up call.
import { h, replace, announce, debounce, focus } from '../dom.js';
import { t, tn, pick, pickText, formatDateTime } from '../i18n.js';
import * as ep from '../endpoints.js';
import { parseCaseNumber } from '../format.js';
import { renderService, sectionTitle } from '../template_view.js';
import { caseSummary, nameOf } from '../case_common.js';
import { openCallDialog, openSendDialog, openReferralDialog, call } from '../operator_dialogs.js';
import { alertBox, loading, field, select } from '../ui.js';
import { navigate } from '../router.js';
import { highlight } from '../snippet.js';

const SEARCH_DELAY_MS = 150;

// State of the console, kept while the operator moves between services.
const state = { query: '', level: '' };

export async function renderConsole(main, params) {
	const searchInput = h('input', {
		type: 'search', id: 'console-search', name: 'q', autocomplete: 'off', spellcheck: 'false',
		value: state.query, 'data-autofocus': params.id ? null : true,
		'aria-describedby': 'console-search-hint', 'aria-controls': 'console-results',
	});
	const level = select('level', [
		h('option', { value: '' }, t('search.level_any')),
		h('option', { value: 'federal' }, t('agency.level.federal')),
		h('option', { value: 'state' }, t('agency.level.state')),
		h('option', { value: 'municipal' }, t('agency.level.municipal')),
	], { id: 'console-level' });
	level.value = state.level;
	const status = h('p', { class: 'search-status', id: 'console-status', role: 'status' });
	const results = h('ol', { class: 'results', id: 'console-results', 'aria-label': t('search.results') });
	const detail = h('div', { class: 'detail-pane', id: 'console-detail' }, welcome());
	const phone = h('input', { type: 'tel', id: 'caller-phone', autocomplete: 'off', value: call.phone, class: 'input-compact' });
	const started = h('span', { class: 'call-started' });
	const showStarted = () => {
		started.textContent = t('call.started_at', { time: formatDateTime(call.startedAt.toISOString()) });
	};
	showStarted();
	phone.addEventListener('input', () => { call.phone = phone.value.trim(); });

	const callStrip = h('section', { class: 'call-strip', 'aria-label': t('call.current') },
		h('div', { class: 'inline-field' },
			h('label', { for: 'caller-phone' }, t('call.caller_phone')), phone),
		started,
		h('button', { type: 'button', class: 'btn', id: 'log-call', onclick: () => openCallDialog(currentPreset(), () => {
			phone.value = '';
			showStarted();
		}) }, t('call.log')),
		h('button', { type: 'button', class: 'btn btn-ghost', id: 'new-call', onclick: () => {
			call.reset();
			phone.value = '';
			showStarted();
			searchInput.value = '';
			state.query = '';
			replace(results);
			replace(status);
			replace(detail, welcome());
			history.pushState(null, '', '/operador');
			searchInput.focus();
			announce(t('call.new_started'));
		} }, t('call.new')));

	const form = h('form', { class: 'search-form', role: 'search', 'aria-label': t('search.label'), onsubmit: (e) => {
		e.preventDefault();
		const number = parseCaseNumber(searchInput.value);
		if (number) {
			navigate(`/casos/${number}`);
			return;
		}
		const first = results.querySelector('a');
		if (first)
			first.click();
	} },
	h('label', { for: 'console-search', class: 'search-label' }, t('search.label')),
	h('div', { class: 'search-row' }, searchInput,
		h('button', { type: 'submit', class: 'btn btn-primary' }, t('search.submit'))),
	h('p', { class: 'hint', id: 'console-search-hint' }, t('search.hint')),
	h('div', { class: 'inline-field' }, h('label', { for: 'console-level' }, t('search.level')), level));

	main.append(h('div', { class: 'console' },
		h('h1', { class: 'visually-hidden', tabindex: '-1' }, t('console.title')),
		callStrip,
		h('div', { class: 'console-grid' },
			h('section', { class: 'search-pane', 'aria-label': t('search.results') }, form, status, results),
			h('section', { class: 'detail-pane-wrap', 'aria-label': t('console.detail') }, detail))));

	let controller = null;
	let currentService = null;
	let currentCase = null;

	function currentPreset() {
		if (currentCase)
			return { type: 'follow_up', caseId: currentCase.id, caseNumber: currentCase.number,
				citizenId: currentCase.citizen_id,
				service: currentCase.service, agencyId: currentCase.agency && currentCase.agency.id };
		if (currentService)
			return { service: currentService };
		return {};
	}

	async function runSearch() {
		const q = searchInput.value.trim();
		state.query = searchInput.value;
		state.level = level.value;
		if (controller)
			controller.abort();
		controller = new AbortController();
		const number = parseCaseNumber(q);
		if (number) {
			showCaseResult(number, controller.signal);
			return;
		}
		if (!q) {
			replace(results);
			replace(status);
			return;
		}
		let data;
		try {
			data = await ep.search({ q, level: level.value, limit: 20 }, { signal: controller.signal });
		} catch (err) {
			if (err.name === 'AbortError')
				return;
			replace(status, alertBox('error', err.message));
			return;
		}
		const items = (data && (data.items || data.results)) || [];
		replace(results, items.map(resultItem));
		replace(status, items.length ? tn('search.count', items.length, { total: data.total ?? items.length })
			: t('search.none', { q }));
	}

	async function showCaseResult(number, signal) {
		replace(status, t('search.case_number', { number }));
		replace(results, h('li', { class: 'result' },
			h('a', { href: `/casos/${number}`, class: 'result-link' },
				h('span', { class: 'result-title' }, t('search.open_case', { number })))));
		let found;
		try {
			found = await ep.staffCaseByNumber(number, { signal });
		} catch (err) {
			if (err.name === 'AbortError')
				return;
			replace(detail, alertBox(err.status === 404 ? 'warning' : 'error',
				err.status === 404 ? t('case.not_found', { number }) : err.message));
			return;
		}
		showCase(found);
	}

	function showCase(c) {
		currentCase = c;
		currentService = null;
		replace(detail, h('article', { class: 'case-panel', 'aria-labelledby': 'console-case-title' },
			h('h2', { id: 'console-case-title', tabindex: '-1' }, t('case.title', { number: c.number })),
			h('div', { class: 'toolbar' },
				h('button', { type: 'button', class: 'btn btn-primary', id: 'log-follow-up', onclick: () => openCallDialog(currentPreset()) }, t('call.log_follow_up')),
				h('a', { class: 'btn', href: `/casos/${c.number}` }, t('case.open_full'))),
			caseSummary(c)));
		announce(t('case.title', { number: c.number }));
	}

	// One search result: a service, an agency or an office.
	function resultItem(item) {
		const kind = item.type || item.kind || 'service';
		const title = pick(item.title || item.name);
		const agency = item.agency ? nameOf(item.agency) : '';
		let href = `/operador/servicios/${item.id}`;
		if (kind === 'agency')
			href = `/directorio/agencias/${item.id}`;
		else if (kind === 'office')
			href = `/directorio/oficinas/${item.id}`;
		const link = h('a', { href, class: 'result-link', dataset: { kind, id: String(item.id) } },
			h('span', { class: 'result-kind' }, t(`search.kind.${kind}`)),
			h('span', { class: 'result-title', lang: title.lang },
				item.section === 'name' && item.snippet ? highlight(item.snippet) : title.text),
			agency && kind !== 'agency' ? h('span', { class: 'result-agency' }, agency) : null,
			item.section && kind === 'service' && item.section !== 'name' ? h('span', { class: 'result-section' },
				t('search.in_section', { section: item.section_title || sectionTitle(item.section) })) : null,
			item.snippet && item.section !== 'name' ? h('span', { class: 'result-snippet' }, highlight(item.snippet)) : null);
		if (kind === 'service')
			link.addEventListener('click', (e) => {
				if (e.ctrlKey || e.metaKey || e.shiftKey)
					return;
				e.preventDefault();
				e.stopPropagation();
				history.pushState(null, '', href);
				openService(item.id, true);
			});
		return h('li', { class: 'result' }, link);
	}

	async function openService(id, moveFocus) {
		currentCase = null;
		replace(detail, loading());
		let service;
		try {
			service = await ep.getService(id);
		} catch (err) {
			replace(detail, alertBox('error', err.message));
			return;
		}
		currentService = service;
		const actions = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('service.actions') },
			h('button', { type: 'button', class: 'btn btn-primary', id: 'action-log-call', onclick: () => openCallDialog({ service }) }, t('call.log')),
			h('button', { type: 'button', class: 'btn', id: 'action-send', onclick: () => openSendDialog(service) }, t('send.open')),
			service.referrals_allowed ? h('button', { type: 'button', class: 'btn', id: 'action-referral',
				onclick: () => openReferralDialog(service) }, t('referral.open')) : h('p', { class: 'muted' }, t('referral.not_allowed')));
		replace(detail, renderService(service, { headingLevel: 2, idPrefix: 'svc', actions }));
		if (moveFocus)
			focus(document.getElementById('svc-title'));
		announce(pickText(service.name));
	}

	// Arrow keys move between the search box and the results.
	searchInput.addEventListener('keydown', (e) => {
		if (e.key === 'ArrowDown') {
			const first = results.querySelector('a');
			if (first) {
				e.preventDefault();
				first.focus();
			}
		} else if (e.key === 'Escape' && searchInput.value) {
			e.preventDefault();
			searchInput.value = '';
			runSearch();
		}
	});
	results.addEventListener('keydown', (e) => {
		const links = [...results.querySelectorAll('a')];
		const i = links.indexOf(document.activeElement);
		if (i < 0)
			return;
		if (e.key === 'ArrowDown' && i < links.length - 1) {
			e.preventDefault();
			links[i + 1].focus();
		} else if (e.key === 'ArrowUp') {
			e.preventDefault();
			(i > 0 ? links[i - 1] : searchInput).focus();
		} else if (e.key === 'Escape') {
			e.preventDefault();
			searchInput.focus();
		}
	});
	const onInput = debounce(runSearch, SEARCH_DELAY_MS);
	searchInput.addEventListener('input', onInput);
	level.addEventListener('change', runSearch);

	// "/" from anywhere on the console, outside a text field, returns to
	// the search box.
	const onKey = (e) => {
		if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey)
			return;
		const tag = document.activeElement && document.activeElement.tagName;
		if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || document.querySelector('dialog[open]'))
			return;
		e.preventDefault();
		searchInput.focus();
		searchInput.select();
	};
	document.addEventListener('keydown', onKey);

	if (state.query)
		runSearch();
	if (params.id)
		await openService(params.id, true);
	return () => {
		document.removeEventListener('keydown', onKey);
		if (controller)
			controller.abort();
	};
}

function welcome() {
	return h('div', { class: 'welcome' },
		h('h2', null, t('console.welcome_title')),
		h('ul', null,
			h('li', null, t('console.tip_search')),
			h('li', null, t('console.tip_case')),
			h('li', null, t('console.tip_keys'))));
}
