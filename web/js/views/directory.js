// directory.js - the directory of agencies and their offices: list with
// filters, an agency's page with its offices and opening hours, and the
// forms the content office uses to keep them current.
import { h, replace, debounce, announce } from '../dom.js';
import { t, tn, pickText } from '../i18n.js';
import * as ep from '../endpoints.js';
import { pageHeader, alertBox, loading, field, input, select, textarea, formAlert,
	showFormError, clearFormErrors, openDialog, busy, toast, tableWrap } from '../ui.js';
import * as session from '../session.js';
import { navigate } from '../router.js';

const LEVELS = ['federal', 'state', 'municipal'];
const INTEGRATION = ['not_integrated', 'onboarding', 'integrated', 'suspended'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function canEdit() {
	return session.hasRole('content_manager', 'coordinator', 'admin');
}

export async function renderDirectory(main, params, query) {
	const q = input('q', { type: 'search', id: 'dir-q', value: query.get('q') || '', autocomplete: 'off' });
	const level = select('level', [h('option', { value: '' }, t('directory.any_level')),
		...LEVELS.map((l) => h('option', { value: l }, t(`agency.level.${l}`)))], { id: 'dir-level' });
	level.value = query.get('nivel') || '';
	const integration = select('integration_status', [h('option', { value: '' }, t('directory.any_integration')),
		...INTEGRATION.map((s) => h('option', { value: s }, t(`agency.integration.${s}`)))], { id: 'dir-integration' });
	integration.value = query.get('integracion') || '';
	const holder = h('div', null, loading());
	main.append(pageHeader(t('directory.title'),
		canEdit() ? h('button', { type: 'button', class: 'btn btn-primary', id: 'new-agency', onclick: () => agencyDialog(null, load) }, t('directory.new_agency')) : null),
	h('form', { class: 'filters', role: 'search', 'aria-label': t('directory.filters'), onsubmit: (e) => e.preventDefault() },
		field(t('directory.search'), q, { hint: t('directory.search_hint') }),
		field(t('directory.level'), level),
		field(t('directory.integration'), integration)),
	holder);

	async function load() {
		const params2 = new URLSearchParams();
		if (q.value.trim())
			params2.set('q', q.value.trim());
		if (level.value)
			params2.set('nivel', level.value);
		if (integration.value)
			params2.set('integracion', integration.value);
		history.replaceState(null, '', `/directorio${params2.toString() ? `?${params2}` : ''}`);
		let data;
		try {
			data = await ep.listAgencies({ q: q.value.trim(), level: level.value, integration_status: integration.value, limit: 500 });
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const items = data.items || [];
		replace(holder, h('p', { class: 'muted', role: 'status' }, tn('directory.count', items.length)),
			tableWrap(t('directory.title'), h('table', { class: 'table', id: 'agency-table' },
				h('thead', null, h('tr', null,
					h('th', { scope: 'col' }, t('directory.col.acronym')),
					h('th', { scope: 'col' }, t('directory.col.name')),
					h('th', { scope: 'col' }, t('directory.col.level')),
					h('th', { scope: 'col' }, t('directory.col.integration')))),
				h('tbody', null, items.map((a) => h('tr', null,
					h('td', null, a.acronym || ''),
					h('td', null, h('a', { href: `/directorio/agencias/${a.id}` }, pickText(a.name))),
					h('td', null, t(`agency.level.${a.level}`)),
					h('td', null, h('span', { class: `badge integration-${a.integration_status}` }, t(`agency.integration.${a.integration_status}`)))))))));
	}
	q.addEventListener('input', debounce(load, 200));
	level.addEventListener('change', load);
	integration.addEventListener('change', load);
	await load();
}

function hoursText(ranges) {
	return (ranges || []).map((r) => `${r.open}–${r.close}`).join(', ');
}

// Parse "08:00-12:00, 13:00-16:30" into ranges; an empty text is closed.
function parseHours(text) {
	const out = [];
	for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
		const m = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/.exec(part);
		if (!m)
			return null;
		out.push({ open: m[1].padStart(5, '0'), close: m[2].padStart(5, '0') });
	}
	return out;
}

function officeCard(office, reload) {
	const hours = office.hours || {};
	return h('article', { class: 'card office', 'aria-labelledby': `office-${office.id}` },
		h('h3', { id: `office-${office.id}` }, pickText(office.name)),
		h('dl', { class: 'facts' },
			office.address ? [h('dt', null, t('office.address')), h('dd', null, office.address)] : null,
			office.municipio ? [h('dt', null, t('office.municipio')), h('dd', null, office.municipio)] : null,
			(office.phones || []).length ? [h('dt', null, t('office.phones')), h('dd', null, office.phones.join(', '))] : null,
			office.fax ? [h('dt', null, t('office.fax')), h('dd', null, office.fax)] : null,
			office.email ? [h('dt', null, t('office.email')), h('dd', null, office.email)] : null),
		h('table', { class: 'table hours' },
			h('caption', null, t('office.hours')),
			h('tbody', null, DAYS.map((d) => h('tr', null,
				h('th', { scope: 'row' }, t(`day.${d}`)),
				h('td', null, (hours[d] || []).length ? hoursText(hours[d]) : t('office.closed')))))),
		canEdit() ? h('button', { type: 'button', class: 'btn btn-small', onclick: () => officeDialog(office.agency_id, office, reload) }, t('office.edit')) : null);
}

export async function renderAgency(main, params) {
	const holder = h('div', null, loading());
	main.append(holder);
	async function load() {
		let agency;
		let offices;
		let services;
		try {
			[agency, offices, services] = await Promise.all([
				ep.getAgency(params.id),
				ep.listOffices({ agency_id: params.id, limit: 500 }),
				ep.listServices({ agency_id: params.id, limit: 500 }),
			]);
		} catch (err) {
			replace(holder, pageHeader(t('directory.agency')), alertBox('error', err.message));
			return;
		}
		const onboarding = agency.onboarding || {};
		replace(holder,
			pageHeader(pickText(agency.name),
				canEdit() ? h('button', { type: 'button', class: 'btn', id: 'edit-agency', onclick: () => agencyDialog(agency, load) }, t('directory.edit_agency')) : null,
				h('a', { class: 'btn', href: '/directorio' }, t('directory.back'))),
			h('div', { class: 'two-col' },
				h('section', { class: 'card', 'aria-labelledby': 'ag-facts' },
					h('h2', { id: 'ag-facts' }, t('directory.facts')),
					h('dl', { class: 'facts' },
						agency.acronym ? [h('dt', null, t('directory.col.acronym')), h('dd', null, agency.acronym)] : null,
						h('dt', null, t('directory.col.level')), h('dd', null, t(`agency.level.${agency.level}`)),
						h('dt', null, t('directory.col.integration')), h('dd', null, t(`agency.integration.${agency.integration_status}`)),
						agency.municipio ? [h('dt', null, t('office.municipio')), h('dd', null, agency.municipio)] : null,
						agency.phone ? [h('dt', null, t('office.phones')), h('dd', null, agency.phone)] : null,
						agency.email ? [h('dt', null, t('office.email')), h('dd', null, agency.email)] : null,
						agency.website ? [h('dt', null, t('directory.website')), h('dd', null, h('a', { href: agency.website, rel: 'noopener noreferrer' }, agency.website))] : null,
						h('dt', null, t('directory.licences')), h('dd', null, String(agency.licences ?? 0)))),
				h('section', { class: 'card', 'aria-labelledby': 'ag-onboarding' },
					h('h2', { id: 'ag-onboarding' }, t('directory.onboarding')),
					h('ol', { class: 'checklist' }, ['liaison_named', 'content_meetings', 'templates_approved', 'operator_orientation',
						'test_calls', 'licences_acquired', 'liaison_training', 'agreement_signed'].map((step) => h('li', {
						class: onboarding[step] ? 'done' : 'pending',
					}, h('span', { 'aria-hidden': 'true' }, onboarding[step] ? '✓ ' : '○ '),
					t(`onboarding.${step}`), ': ',
					onboarding[step] ? onboarding[step] : t('onboarding.pending')))))),
			h('section', { 'aria-labelledby': 'ag-offices' },
				h('div', { class: 'section-head' },
					h('h2', { id: 'ag-offices' }, t('directory.offices')),
					canEdit() ? h('button', { type: 'button', class: 'btn', id: 'new-office', onclick: () => officeDialog(agency.id, null, load) }, t('office.new')) : null),
				(offices.items || []).length ? h('div', { class: 'cards' }, offices.items.map((o) => officeCard(o, load)))
					: h('p', { class: 'muted' }, t('directory.no_offices'))),
			h('section', { 'aria-labelledby': 'ag-services' },
				h('h2', { id: 'ag-services' }, t('directory.services')),
				(services.items || []).length ? h('ul', null, services.items.map((s) => h('li', null,
					h('a', { href: session.canOpen('console') ? `/operador/servicios/${s.id}` : `/contenido/servicios/${s.id}` }, pickText(s.name)))))
					: h('p', { class: 'muted' }, t('directory.no_services'))));
	}
	await load();
}

function agencyDialog(agency, reload) {
	openDialog(t(agency ? 'directory.edit_agency' : 'directory.new_agency'), (dialog, close) => {
		const a = agency || {};
		const form = h('form', { class: 'form', novalidate: true },
			formAlert(),
			field(t('directory.name_es'), input('name.es', { value: (a.name && a.name.es) || '', 'data-autofocus': true, lang: 'es' }), { required: true }),
			field(t('directory.name_en'), input('name.en', { value: (a.name && a.name.en) || '', lang: 'en' })),
			field(t('directory.col.acronym'), input('acronym', { value: a.acronym || '' })),
			field(t('directory.col.level'), select('level', LEVELS.map((l) => h('option', { value: l, selected: a.level === l }, t(`agency.level.${l}`))))),
			field(t('directory.col.integration'), select('integration_status', INTEGRATION.map((s) => h('option', { value: s, selected: (a.integration_status || 'not_integrated') === s }, t(`agency.integration.${s}`))))),
			field(t('office.phones'), input('phone', { type: 'tel', value: a.phone || '' })),
			field(t('office.email'), input('email', { type: 'email', value: a.email || '' })),
			field(t('directory.website'), input('website', { type: 'url', value: a.website || '', placeholder: 'https://' })),
			field(t('directory.licences'), input('licences', { type: 'number', min: '0', value: String(a.licences ?? 0) })),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')),
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			const v = (name) => form.elements[name].value.trim() || null;
			const body = {
				name: { es: v('name.es'), en: v('name.en') },
				acronym: v('acronym'), level: v('level'), integration_status: v('integration_status'),
				phone: v('phone'), email: v('email'), website: v('website'),
				licences: Number(form.elements.licences.value) || 0,
			};
			await busy(form.querySelector('[type=submit]'), async () => {
				try {
					if (agency)
						await ep.patchAgency(agency.id, body);
					else
						await ep.createAgency(body);
					close();
					toast(t('common.saved'));
					await reload();
				} catch (err) {
					showFormError(form, err);
				}
			});
		});
		return form;
	}, { wide: true });
}

function officeDialog(agencyId, office, reload) {
	openDialog(t(office ? 'office.edit' : 'office.new'), (dialog, close) => {
		const o = office || {};
		const hours = o.hours || {};
		const form = h('form', { class: 'form', novalidate: true },
			formAlert(),
			field(t('office.name'), input('name.es', { value: (o.name && o.name.es) || '', 'data-autofocus': true, lang: 'es' }), { required: true }),
			field(t('office.name_en'), input('name.en', { value: (o.name && o.name.en) || '', lang: 'en' })),
			field(t('office.address'), textarea('address', { rows: 2, value: o.address || '' })),
			field(t('office.municipio'), input('municipio', { value: o.municipio || '' })),
			field(t('office.phones'), input('phones', { type: 'tel', value: (o.phones || []).join(', ') }), { hint: t('office.phones_hint') }),
			field(t('office.fax'), input('fax', { type: 'tel', value: o.fax || '' })),
			field(t('office.email'), input('email', { type: 'email', value: o.email || '' })),
			h('fieldset', null, h('legend', null, t('office.hours')),
				h('p', { class: 'hint' }, t('office.hours_hint')),
				h('div', { class: 'grid-2' }, DAYS.map((d) => field(t(`day.${d}`),
					input(`hours.${d}`, { value: (hours[d] || []).map((r) => `${r.open}-${r.close}`).join(', '), placeholder: '08:00-16:30' }))))),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')),
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			const v = (name) => form.elements[name].value.trim() || null;
			const body = {
				agency_id: agencyId,
				name: { es: v('name.es'), en: v('name.en') },
				address: v('address'), municipio: v('municipio'),
				phones: (v('phones') || '').split(',').map((p) => p.trim()).filter(Boolean),
				fax: v('fax'), email: v('email'), hours: {},
			};
			for (const d of DAYS) {
				const ranges = parseHours(form.elements[`hours.${d}`].value);
				if (ranges === null) {
					showFormError(form, { message: t('office.hours_invalid', { day: t(`day.${d}`) }), field: `hours.${d}` });
					return;
				}
				if (ranges.length)
					body.hours[d] = ranges;
			}
			await busy(form.querySelector('[type=submit]'), async () => {
				try {
					if (office)
						await ep.patchOffice(office.id, body);
					else
						await ep.createOffice(body);
					close();
					toast(t('common.saved'));
					announce(t('common.saved'));
					await reload();
				} catch (err) {
					showFormError(form, err);
				}
			});
		});
		return form;
	}, { wide: true });
}

// An office found by the search opens on its agency's page, at its card.
export async function renderOffice(main, params) {
	try {
		const office = await ep.getOffice(params.id);
		navigate(`/directorio/agencias/${office.agency_id}#office-${office.id}`, { replaceState: true });
	} catch (err) {
		main.append(pageHeader(t('directory.agency')), alertBox('error', err.message));
	}
}
