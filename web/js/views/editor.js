// editor.js - the content office's editor for one service: the nine
// template sections in Spanish and English, the content workflow and the
// list of versions with a side-by-side comparison.
import { h, replace, announce } from '../dom.js';
import { t, pickText, formatDateTime, formatDate } from '../i18n.js';
import * as ep from '../endpoints.js';
import { contentStatusBadge, contentStatusLabel } from '../format.js';
import { SECTIONS, LOCATION_FIELDS, sectionTitle } from '../template_view.js';
import { pageHeader, alertBox, loading, field, input, textarea, select, formAlert,
	showFormError, clearFormErrors, busy, toast, tableWrap } from '../ui.js';
import { navigate } from '../router.js';
import * as session from '../session.js';

const WORKFLOW_ORDER = ['in_review', 'approved', 'published', 'archived', 'draft'];

function blankService() {
	return {
		name: { es: '', en: '' },
		agency_id: null,
		referrals_allowed: false,
		sla2_days: 30,
		template: {},
		status: 'draft',
		transitions: [],
	};
}

// Two text boxes side by side, Spanish and English, for one bilingual
// value at API path base ("template.description").
function bilingualFields(base, value, { multiline = true, rows = 4, required = false } = {}) {
	const make = (lang) => {
		const attrs = { 'data-api-field': `${base}.${lang}`, value: (value && value[lang]) || '', lang };
		const control = multiline ? textarea(`${base}.${lang}`, { rows, ...attrs }) : input(`${base}.${lang}`, attrs);
		if (multiline)
			control.value = attrs.value;
		return field(t(`lang.${lang}`), control, { required: required && lang === 'es' });
	};
	return h('div', { class: 'bilingual' }, make('es'), make('en'));
}

function readBilingual(container, base) {
	const get = (lang) => {
		const el = container.querySelector(`[data-api-field="${base}.${lang}"]`);
		const v = el ? el.value.trim() : '';
		return v || null;
	};
	return { es: get('es'), en: get('en') };
}

export async function renderEditor(main, params) {
	const isNew = !params.id;
	const holder = h('div', null, loading());
	main.append(holder);
	const canEdit = session.hasRole('content_manager', 'coordinator', 'admin');

	let agencies = [];
	let service;
	let versions = [];
	try {
		const [agencyData, serviceData, versionData] = await Promise.all([
			ep.listAgencies({ limit: 500 }),
			isNew ? Promise.resolve(blankService()) : ep.getService(params.id, { view: 'latest' }),
			isNew ? Promise.resolve({ items: [] }) : ep.listVersions(params.id),
		]);
		agencies = agencyData.items || [];
		service = serviceData;
		versions = versionData.items || [];
	} catch (err) {
		replace(holder, pageHeader(t('editor.title_new')), alertBox('error', err.message));
		return;
	}
	agencies.sort((a, b) => pickText(a.name).localeCompare(pickText(b.name)));
	let dirty = false;

	const template = service.template || {};
	const agencySel = select('agency_id', [
		h('option', { value: '' }, t('editor.choose_agency')),
		...agencies.map((a) => h('option', { value: String(a.id), selected: a.id === service.agency_id },
			a.acronym ? `${a.acronym} · ${pickText(a.name)}` : pickText(a.name))),
	]);
	const referrals = h('input', { type: 'checkbox', name: 'referrals_allowed', id: 'ed-referrals', checked: service.referrals_allowed });
	const sla2 = input('sla2_days', { type: 'number', min: '1', max: '365', value: String(service.sla2_days || 30), inputmode: 'numeric' });

	const sectionBlocks = SECTIONS.map(([key, kind]) => {
		const id = `ed-${key}`;
		let body;
		if (kind === 'text') {
			body = [bilingualFields(`template.${key}`, template[key], { rows: key === 'description' ? 4 : 5 })];
			if (key === 'location_hours')
				body.push(locationFields(template.location || {}));
		} else if (kind === 'faq') {
			body = repeater('faq', template.faq || [], faqRow, t('editor.add_faq'));
		} else if (kind === 'links') {
			body = repeater('related_links', template.related_links || [], linkRow, t('editor.add_link'));
		} else {
			body = repeater('social_media', template.social_media || [], socialRow, t('editor.add_social'));
		}
		return h('fieldset', { class: 'section-editor', id },
			h('legend', null, sectionTitle(key)), body);
	});

	const saveButton = h('button', { type: 'submit', class: 'btn btn-primary', id: 'save-service' }, t(isNew ? 'editor.create' : 'editor.save'));
	const form = h('form', { class: 'form editor', novalidate: true, id: 'editor-form' },
		formAlert(),
		h('fieldset', { class: 'section-editor' },
			h('legend', null, t('editor.general')),
			h('div', { class: 'field-label-group' }, t('editor.name')),
			bilingualFields('name', service.name, { multiline: false, required: true }),
			field(t('editor.agency'), agencySel, { required: true }),
			h('div', { class: 'checkbox' }, referrals, h('label', { for: 'ed-referrals' }, t('editor.referrals_allowed'))),
			field(t('editor.sla2_days'), sla2, { hint: t('editor.sla2_hint') })),
		sectionBlocks,
		h('div', { class: 'form-actions sticky-actions' }, saveButton,
			h('span', { class: 'muted', id: 'dirty-note', role: 'status' })));
	form.addEventListener('input', () => {
		dirty = true;
		document.getElementById('dirty-note').textContent = t('editor.unsaved');
	});
	if (!canEdit)
		for (const el of form.elements)
			el.disabled = true;

	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		clearFormErrors(form);
		const body = collect();
		if (!body.name.es) {
			showFormError(form, { message: t('editor.name_missing'), field: 'name.es' });
			return;
		}
		if (!body.agency_id) {
			showFormError(form, { message: t('editor.agency_missing'), field: 'agency_id' });
			return;
		}
		await busy(saveButton, async () => {
			try {
				if (isNew) {
					const created = await ep.createService(body);
					toast(t('editor.created'));
					navigate(`/contenido/servicios/${created.id}`, { replaceState: true });
					return;
				}
				await ep.replaceService(service.id, body);
				dirty = false;
				toast(t('editor.saved'));
				await reload();
				announce(t('editor.saved'));
			} catch (err) {
				if (err.code === 'no_change') {
					toast(t('editor.no_change'), 'info');
					dirty = false;
					document.getElementById('dirty-note').textContent = '';
					return;
				}
				showFormError(form, err);
			}
		});
	});

	function collect() {
		const tmpl = {};
		for (const [key, kind] of SECTIONS) {
			if (kind === 'text')
				tmpl[key] = readBilingual(form, `template.${key}`);
		}
		const location = {};
		for (const f of LOCATION_FIELDS) {
			const el = form.querySelector(`[data-api-field="template.location.${f}"]`);
			location[f] = el && el.value.trim() ? el.value.trim() : null;
		}
		tmpl.location = location;
		tmpl.faq = [...form.querySelectorAll('[data-row="faq"]')].map((row, i) => ({
			question: readBilingual(row, `template.faq[${i}].question`),
			answer: readBilingual(row, `template.faq[${i}].answer`),
		})).filter((p) => p.question.es || p.question.en || p.answer.es || p.answer.en);
		tmpl.related_links = [...form.querySelectorAll('[data-row="related_links"]')].map((row, i) => ({
			kind: row.querySelector('select').value,
			title: readBilingual(row, `template.related_links[${i}].title`),
			url: row.querySelector('input[type=url]').value.trim() || null,
		})).filter((l) => l.title.es || l.title.en || l.url);
		tmpl.social_media = [...form.querySelectorAll('[data-row="social_media"]')].map((row) => ({
			network: row.querySelector('[data-part=network]').value.trim(),
			account: row.querySelector('[data-part=account]').value.trim() || null,
			url: row.querySelector('[data-part=url]').value.trim() || null,
		})).filter((s) => s.network || s.account || s.url);
		if (template.disclaimer)
			tmpl.disclaimer = template.disclaimer;
		return {
			agency_id: agencySel.value ? Number(agencySel.value) : null,
			referrals_allowed: referrals.checked,
			sla2_days: Number(sla2.value) || 30,
			name: readBilingual(form, 'name'),
			template: tmpl,
		};
	}

	const workflow = h('section', { class: 'card', 'aria-labelledby': 'wf-h', id: 'workflow' });
	const versionsBox = h('section', { class: 'card', 'aria-labelledby': 'versions-h', id: 'versions' });

	function renderWorkflow() {
		const transitions = (service.transitions || []).slice()
			.sort((a, b) => WORKFLOW_ORDER.indexOf(a) - WORKFLOW_ORDER.indexOf(b));
		// The server allows a liaison to approve or return, and the
		// coordinator to send to review or return; the buttons match.
		const isLiaisonOnly = !canEdit;
		const isCoordinator = session.hasRole('coordinator');
		// Approval belongs to the agency's liaison or the administrator.
		const mayApprove = isLiaisonOnly || session.hasRole('admin');
		const buttons = transitions
			.filter((to) => mayApprove || to !== 'approved')
			.filter((to) => !isLiaisonOnly || ['approved', 'draft'].includes(to))
			.filter((to) => !isCoordinator || ['in_review', 'draft'].includes(to))
			.map((to) => h('button', {
				type: 'button', class: `btn ${to === 'published' || to === 'approved' ? 'btn-primary' : ''} ${to === 'archived' ? 'btn-danger' : ''}`,
				id: `wf-${to}`, onclick: (e) => move(to, e.currentTarget),
			}, t(`workflow.to.${to}`)));
		if (service.status === 'published' && canEdit)
			buttons.push(h('button', { type: 'button', class: 'btn', id: 'wf-reviewed', onclick: (e) => reviewed(e.currentTarget) }, t('workflow.mark_reviewed')));
		replace(workflow,
			h('h2', { id: 'wf-h' }, t('workflow.title')),
			h('p', null, t('workflow.current'), ' ', contentStatusBadge(service.status), ' ',
				t('workflow.version', { version: service.version })),
			service.published_version && service.published_version !== service.version
				? h('p', { class: 'hint' }, t('workflow.published_is', { version: service.published_version })) : null,
			h('p', { class: 'muted' }, t('service.last_reviewed', { date: service.last_reviewed_at ? formatDate(service.last_reviewed_at) : t('service.never_reviewed') })),
			h('p', { class: 'hint' }, t(`workflow.explain.${service.status}`)),
			buttons.length ? h('div', { class: 'toolbar' }, buttons) : null,
			service.status === 'published' ? h('p', null, h('a', { href: `/servicios/${service.id}` }, t('workflow.view_published'))) : null);
	}

	async function move(to, buttonEl) {
		if (dirty && !window.confirm(t('editor.confirm_discard')))
			return;
		await busy(buttonEl, async () => {
			try {
				await ep.setServiceStatus(service.id, to);
				toast(t('workflow.moved', { status: contentStatusLabel(to) }));
				await reload();
				announce(t('workflow.moved', { status: contentStatusLabel(to) }));
				const heading = document.getElementById('wf-h');
				if (heading) {
					heading.setAttribute('tabindex', '-1');
					heading.focus();
				}
			} catch (err) {
				toast(err.message, 'error');
			}
		});
	}

	async function reviewed(buttonEl) {
		await busy(buttonEl, async () => {
			try {
				await ep.markReviewed(service.id);
				toast(t('workflow.reviewed_done'));
				await reload();
			} catch (err) {
				toast(err.message, 'error');
			}
		});
	}

	function renderVersions() {
		const options = versions.map((v) => h('option', { value: String(v.version) },
			`${v.version} · ${contentStatusLabel(v.status)} · ${formatDateTime(v.changed_at)}`));
		const a = select('a', options.map((o) => o.cloneNode(true)), { id: 'cmp-a' });
		const b = select('b', options.map((o) => o.cloneNode(true)), { id: 'cmp-b' });
		// Compare the published version with the newest by default, or
		// the two newest when the newest is the published one.
		const newest = versions[0] ? versions[0].version : 1;
		const older = service.published_version && service.published_version !== newest
			? service.published_version : (versions[1] ? versions[1].version : newest);
		a.value = String(older);
		b.value = String(newest);
		replace(versionsBox,
			h('h2', { id: 'versions-h' }, t('versions.title')),
			versions.length > 1 ? h('form', { class: 'inline-form', id: 'compare-form', onsubmit: (e) => {
				e.preventDefault();
				navigate(`/contenido/servicios/${service.id}/comparar?a=${a.value}&b=${b.value}`);
			} },
			field(t('versions.a'), a), field(t('versions.b'), b),
			h('button', { type: 'submit', class: 'btn' }, t('versions.compare'))) : null,
			tableWrap(t('versions.title'), h('table', { class: 'table' },
				h('thead', null, h('tr', null,
					h('th', { scope: 'col' }, t('versions.col.version')),
					h('th', { scope: 'col' }, t('versions.col.status')),
					h('th', { scope: 'col' }, t('versions.col.who')),
					h('th', { scope: 'col' }, t('versions.col.when')),
					h('th', { scope: 'col' }, t('versions.col.what')))),
				h('tbody', null, versions.map((v) => h('tr', null,
					h('td', null, String(v.version)),
					h('td', null, contentStatusBadge(v.status)),
					h('td', null, v.changed_by || ''),
					h('td', null, formatDateTime(v.changed_at)),
					h('td', null, describeChange(v.change))))))));
	}

	async function reload() {
		const [s, v] = await Promise.all([ep.getService(service.id, { view: 'latest' }), ep.listVersions(service.id)]);
		service = s;
		versions = v.items || [];
		renderWorkflow();
		renderVersions();
		document.getElementById('dirty-note').textContent = '';
	}

	const title = isNew ? t('editor.title_new') : t('editor.title', { name: pickText(service.name) });
	if (isNew) {
		replace(holder, pageHeader(title), form);
	} else {
		renderWorkflow();
		renderVersions();
		replace(holder, pageHeader(title, h('a', { class: 'btn', href: '/contenido' }, t('editor.back'))),
			h('div', { class: 'editor-layout' }, h('div', { class: 'editor-main' }, form),
				h('aside', { class: 'editor-side', 'aria-label': t('workflow.title') }, workflow, versionsBox)));
	}
	const onBeforeUnload = (e) => {
		if (dirty) {
			e.preventDefault();
			e.returnValue = '';
		}
	};
	window.addEventListener('beforeunload', onBeforeUnload);
	return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

function describeChange(change) {
	if (!change)
		return '';
	if (change.action === 'status')
		return t('versions.change.status', { from: contentStatusLabel(change.from), to: contentStatusLabel(change.to) });
	if (change.action === 'edited' && Array.isArray(change.fields))
		return t('versions.change.edited', { fields: change.fields.map(fieldLabel).join(', ') });
	const key = `versions.change.${change.action}`;
	const label = t(key);
	return label === key ? change.action : label;
}

function fieldLabel(path) {
	const key = path.replace(/^template\./, '');
	if (SECTIONS.some(([k]) => k === key))
		return sectionTitle(key);
	const known = { name: 'editor.name', agency_id: 'editor.agency', referrals_allowed: 'editor.referrals_allowed',
		sla2_days: 'editor.sla2_days', location: 'section.location_hours', disclaimer: 'editor.disclaimer' };
	return known[key] ? t(known[key]) : key;
}

function locationFields(location) {
	return h('div', { class: 'location-editor' },
		h('p', { class: 'hint' }, t('editor.location_hint')),
		h('div', { class: 'grid-2' }, LOCATION_FIELDS.map((f) => field(t(`location.${f}`),
			input(`template.location.${f}`, { 'data-api-field': `template.location.${f}`, value: location[f] || '',
				type: f === 'email' ? 'email' : f === 'phone' || f === 'fax' ? 'tel' : 'text' })))));
}

// A list of rows the editor can add to, remove from and reorder. Row
// controls carry API paths with the row's index, renumbered after every
// change so that a server error points at the right box.
function repeater(kind, items, makeRow, addLabel) {
	const list = h('ol', { class: 'repeater', dataset: { repeater: kind } });
	const renumber = () => {
		[...list.children].forEach((li, i) => {
			for (const el of li.querySelectorAll('[data-api-field]')) {
				const path = el.getAttribute('data-api-field').replace(/\[\d+\]/, `[${i}]`);
				el.setAttribute('data-api-field', path);
				el.name = path;
			}
			const label = li.querySelector('.row-number');
			if (label)
				label.textContent = t('editor.row', { n: i + 1 });
		});
	};
	const add = (item, focusNew) => {
		const i = list.children.length;
		const controls = makeRow(item || {}, i);
		const li = h('li', { class: 'repeater-row', dataset: { row: kind } },
			h('p', { class: 'row-number' }, t('editor.row', { n: i + 1 })),
			controls,
			h('div', { class: 'row-actions' },
				h('button', { type: 'button', class: 'btn btn-small', onclick: () => {
					if (li.previousElementSibling) {
						list.insertBefore(li, li.previousElementSibling);
						renumber();
						li.querySelector('.row-actions button').focus();
					}
				} }, t('editor.move_up')),
				h('button', { type: 'button', class: 'btn btn-small btn-danger', onclick: () => {
					const next = li.nextElementSibling || li.previousElementSibling;
					li.remove();
					renumber();
					list.dispatchEvent(new Event('input', { bubbles: true }));
					(next ? next.querySelector('input, textarea') : addButton).focus();
					announce(t('editor.row_removed'));
				} }, t('editor.remove'))));
		list.appendChild(li);
		renumber();
		if (focusNew) {
			const first = li.querySelector('input, textarea, select');
			if (first)
				first.focus();
		}
	};
	for (const item of items)
		add(item, false);
	const addButton = h('button', { type: 'button', class: 'btn btn-small', dataset: { add: kind }, onclick: () => {
		add({}, true);
		list.dispatchEvent(new Event('input', { bubbles: true }));
	} }, addLabel);
	return [list, addButton];
}

function faqRow(item, i) {
	return [
		h('div', { class: 'field-label-group' }, t('editor.question')),
		bilingualFields(`template.faq[${i}].question`, item.question, { multiline: false }),
		h('div', { class: 'field-label-group' }, t('editor.answer')),
		bilingualFields(`template.faq[${i}].answer`, item.answer, { rows: 3 }),
	];
}

function linkRow(item, i) {
	return [
		field(t('editor.link_kind'), select(`template.related_links[${i}].kind`, [
			h('option', { value: 'web', selected: item.kind !== 'document' }, t('links.web')),
			h('option', { value: 'document', selected: item.kind === 'document' }, t('links.document')),
		])),
		h('div', { class: 'field-label-group' }, t('editor.link_title')),
		bilingualFields(`template.related_links[${i}].title`, item.title, { multiline: false }),
		field(t('editor.link_url'), input(`template.related_links[${i}].url`, {
			type: 'url', value: item.url || '', 'data-api-field': `template.related_links[${i}].url`, placeholder: 'https://' })),
	];
}

function socialRow(item, i) {
	return h('div', { class: 'grid-3' },
		field(t('editor.social_network'), input(`template.social_media[${i}].network`, {
			value: item.network || '', 'data-part': 'network', 'data-api-field': `template.social_media[${i}].network` })),
		field(t('editor.social_account'), input(`template.social_media[${i}].account`, {
			value: item.account || '', 'data-part': 'account', 'data-api-field': `template.social_media[${i}].account` })),
		field(t('editor.link_url'), input(`template.social_media[${i}].url`, {
			type: 'url', value: item.url || '', 'data-part': 'url', 'data-api-field': `template.social_media[${i}].url`, placeholder: 'https://' })));
}
