// citizen.js - the pages for citizens, without an account: search and
// read published services, submit a request, check a case by its number.
import { h, replace, debounce, announce, focus } from '../dom.js';
import { t, tn, pick, pickText } from '../i18n.js';
import * as ep from '../endpoints.js';
import { parseCaseNumber } from '../format.js';
import { renderService } from '../template_view.js';
import { caseSummary, caseNotes } from '../case_common.js';
import { pageHeader, alertBox, loading, field, input, textarea, select, formAlert,
	showFormError, clearFormErrors, busy } from '../ui.js';
import { navigate } from '../router.js';
import { highlight } from '../snippet.js';

export async function renderCitizenHome(main, params, query) {
	const q = input('q', { type: 'search', id: 'citizen-search', autocomplete: 'off', value: query.get('q') || '', 'aria-describedby': 'citizen-search-hint' });
	const results = h('ol', { class: 'results', id: 'citizen-results', 'aria-label': t('search.results') });
	const status = h('p', { role: 'status', class: 'search-status' });
	const services = h('div', null, loading());
	main.append(
		h('div', { class: 'hero' },
			h('h1', { tabindex: '-1' }, t('citizen.title')),
			h('p', { class: 'lead' }, t('citizen.intro')),
			h('form', { role: 'search', class: 'search-form', 'aria-label': t('citizen.search_label'), onsubmit: (e) => {
				e.preventDefault();
				const number = parseCaseNumber(q.value);
				if (number)
					navigate(`/consulta/${number}`);
				else
					run();
			} },
			h('label', { for: 'citizen-search', class: 'search-label' }, t('citizen.search_label')),
			h('div', { class: 'search-row' }, q, h('button', { type: 'submit', class: 'btn btn-primary' }, t('search.submit'))),
			h('p', { class: 'hint', id: 'citizen-search-hint' }, t('citizen.search_hint'))),
			status, results),
		h('div', { class: 'cards cards-3' },
			h('a', { class: 'card card-link', href: '/solicitud', id: 'card-request' },
				h('h2', null, t('citizen.request_title')), h('p', null, t('citizen.request_body'))),
			h('a', { class: 'card card-link', href: '/consulta', id: 'card-lookup' },
				h('h2', null, t('citizen.lookup_title')), h('p', null, t('citizen.lookup_body'))),
			h('div', { class: 'card' },
				h('h2', null, t('citizen.call_title')), h('p', null, t('citizen.call_body')))),
		h('section', { 'aria-labelledby': 'citizen-services-h' },
			h('h2', { id: 'citizen-services-h' }, t('citizen.services')), services));

	let controller = null;
	async function run() {
		const text = q.value.trim();
		if (controller)
			controller.abort();
		if (!text || parseCaseNumber(text)) {
			replace(results);
			replace(status, parseCaseNumber(text) ? t('citizen.press_enter_case') : '');
			return;
		}
		controller = new AbortController();
		let data;
		try {
			data = await ep.search({ q: text, kind: 'service', limit: 20 }, { signal: controller.signal });
		} catch (err) {
			if (err.name !== 'AbortError')
				replace(status, alertBox('error', err.message));
			return;
		}
		const items = data.items || [];
		replace(results, items.map((item) => {
			const title = pick(item.title || item.name);
			return h('li', { class: 'result' }, h('a', { href: `/servicios/${item.id}`, class: 'result-link' },
				h('span', { class: 'result-title', lang: title.lang }, title.text),
				item.snippet ? h('span', { class: 'result-snippet' }, highlight(item.snippet)) : null));
		}));
		replace(status, items.length ? tn('search.count', items.length, { total: data.total ?? items.length }) : t('search.none', { q: text }));
	}
	q.addEventListener('input', debounce(run, 200));
	if (q.value)
		run();

	try {
		const data = await ep.listServices({ limit: 500 });
		const items = (data.items || []).filter((s) => s.status === 'published' || s.published_version);
		replace(services, items.length ? h('ul', { class: 'service-list' }, items.map((s) => h('li', null,
			h('a', { href: `/servicios/${s.id}` }, pickText(s.name)),
			s.agency ? h('span', { class: 'muted' }, ` · ${s.agency.acronym || pickText(s.agency.name)}`) : null)))
			: h('p', { class: 'muted' }, t('citizen.no_services')));
	} catch (err) {
		replace(services, alertBox('error', err.message));
	}
}

export async function renderCitizenService(main, params) {
	let service;
	try {
		service = await ep.getService(params.id);
	} catch (err) {
		main.append(pageHeader(t('citizen.service')), alertBox(err.status === 404 ? 'warning' : 'error',
			err.status === 404 ? t('citizen.service_not_found') : err.message),
		h('p', null, h('a', { href: '/' }, t('citizen.back'))));
		return;
	}
	main.append(h('p', null, h('a', { href: '/' }, t('citizen.back'))),
		renderService(service, { headingLevel: 1, idPrefix: 'pub', citizen: true,
			actions: service.referrals_allowed ? h('p', null, h('a', { class: 'btn btn-primary', href: `/solicitud?servicio=${service.id}` }, t('citizen.request_this'))) : null }));
}

export async function renderCitizenRequest(main, params, query) {
	const holder = h('div', null, loading());
	main.append(pageHeader(t('request.title')), h('p', { class: 'lead' }, t('request.intro')), holder);
	let services = [];
	try {
		const data = await ep.listServices({ referrals_allowed: 'true', limit: 500 });
		services = (data.items || []).filter((s) => s.status === 'published' || s.published_version);
	} catch (err) {
		replace(holder, alertBox('error', err.message));
		return;
	}
	const preselected = query.get('servicio');
	const serviceSel = select('service_id', [
		h('option', { value: '' }, t('request.choose_service')),
		...services.map((s) => h('option', { value: String(s.id), selected: String(s.id) === preselected },
			`${pickText(s.name)}${s.agency ? ` (${s.agency.acronym || pickText(s.agency.name)})` : ''}`)),
	]);
	const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('request.submit'));
	const form = h('form', { class: 'form card', novalidate: true, id: 'request-form' },
		formAlert(),
		field(t('request.service'), serviceSel, { required: true }),
		field(t('request.description'), textarea('description', { rows: 5 }), { required: true, hint: t('request.description_hint') }),
		h('fieldset', null, h('legend', null, t('request.about_you')),
			field(t('citizen.name'), input('name', { autocomplete: 'name' }), { required: true }),
			field(t('citizen.phone'), input('phone', { type: 'tel', autocomplete: 'tel' }), { hint: t('request.contact_hint') }),
			field(t('citizen.email'), input('email', { type: 'email', autocomplete: 'email' })),
			field(t('citizen.municipio'), input('municipio', { autocomplete: 'address-level2' })),
			field(t('citizen.preferred_language'), select('language', [
				h('option', { value: 'es', selected: true }, t('lang.es')), h('option', { value: 'en' }, t('lang.en'))]))),
		h('p', { class: 'hint' }, t('request.privacy')),
		h('div', { class: 'form-actions' }, submit));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		clearFormErrors(form);
		const v = (n) => form.elements[n].value.trim();
		if (!v('service_id'))
			return showFormError(form, { message: t('request.service_missing'), field: 'service_id' });
		if (!v('description'))
			return showFormError(form, { message: t('request.description_missing'), field: 'description' });
		if (!v('name'))
			return showFormError(form, { message: t('request.name_missing'), field: 'name' });
		if (!v('phone') && !v('email'))
			return showFormError(form, { message: t('request.contact_missing'), field: 'phone' });
		const body = { service_id: Number(v('service_id')), description: v('description'), name: v('name'),
			language: v('language') };
		for (const n of ['phone', 'email', 'municipio'])
			if (v(n))
				body[n] = v(n);
		await busy(submit, async () => {
			try {
				const created = await ep.publicRequest(body);
				const number = created.number || created.case_number;
				replace(holder, h('div', { class: 'alert alert-success', role: 'status', tabindex: '-1', id: 'request-done' },
					h('h2', null, t('request.done_title')),
					h('p', null, t('request.done_body')),
					h('p', { class: 'case-number-big' }, number),
					h('p', null, h('a', { href: `/consulta/${number}` }, t('request.check_link')))));
				focus(document.getElementById('request-done'));
				announce(`${t('request.done_title')} ${number}`);
			} catch (err) {
				// A server without online requests replies 404 or 405,
				// so the page asks the citizen to call instead.
				showFormError(form, err.status === 404 || err.status === 405
					? { message: t('request.unavailable') } : err);
			}
		});
	});
	replace(holder, form);
}

export async function renderCitizenLookup(main, params) {
	const number = input('number', { id: 'lookup-number', value: params.number || '', autocomplete: 'off', placeholder: '311-2026-000123',
		'data-autofocus': params.number ? null : true });
	const result = h('div', { id: 'lookup-result' });
	const form = h('form', { class: 'form card narrow', novalidate: true, id: 'lookup-form' },
		formAlert(),
		field(t('lookup.number'), number, { required: true, hint: t('lookup.number_hint') }),
		h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('lookup.submit'))));
	main.append(pageHeader(t('lookup.title')), h('p', { class: 'lead' }, t('lookup.intro')), form, result);

	async function show(value) {
		const parsed = parseCaseNumber(value);
		if (!parsed) {
			showFormError(form, { message: t('lookup.invalid'), field: 'number' });
			return;
		}
		clearFormErrors(form);
		replace(result, loading());
		let c;
		try {
			c = await ep.lookupCase(parsed);
		} catch (err) {
			replace(result, alertBox(err.status === 404 ? 'warning' : 'error',
				err.status === 404 ? t('lookup.not_found', { number: parsed }) : err.message));
			return;
		}
		replace(result, h('section', { class: 'card', 'aria-labelledby': 'lookup-h', id: 'lookup-case' },
			h('h2', { id: 'lookup-h', tabindex: '-1' }, t('case.title', { number: c.number })),
			caseSummary(c, { staff: false }),
			h('h3', null, t('lookup.updates')),
			caseNotes(c.notes, { staff: false })));
		focus(document.getElementById('lookup-h'));
	}
	form.addEventListener('submit', (e) => {
		e.preventDefault();
		const parsed = parseCaseNumber(number.value);
		if (parsed && parsed !== params.number) {
			history.pushState(null, '', `/consulta/${parsed}`);
			params.number = parsed;
		}
		show(number.value);
	});
	if (params.number)
		await show(params.number);
}
