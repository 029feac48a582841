// case_common.js - how a case reads on every screen: the summary with its
// SLA clocks, the notes and the history.
import { h } from './dom.js';
import { t, pickText, formatDate, formatDateTime } from './i18n.js';
import { caseStatusBadge, slaBadge, caseStatusLabel, channelLabel } from './format.js';

// The name of something the API returns as an object with a bilingual
// name, a plain name, or only an id.
export function nameOf(value) {
	if (!value)
		return '';
	if (typeof value === 'string')
		return value;
	const name = value.name !== undefined ? pickText(value.name) : '';
	if (value.acronym && name)
		return `${value.acronym} · ${name}`;
	return name || value.acronym || (value.id ? `#${value.id}` : '');
}

export function citizenName(citizen) {
	if (!citizen)
		return '';
	return citizen.name || [citizen.first_name, citizen.last_name].filter(Boolean).join(' ');
}

// A citizen's phone numbers, stored as {"number", "kind"} or as text.
export function phonesText(phones) {
	return (phones || []).map((p) => (typeof p === 'string' ? p : p.display || p.number)).filter(Boolean).join(', ');
}

function row(label, value) {
	if (value === null || value === undefined || value === '')
		return null;
	return [h('dt', null, label), h('dd', null, value)];
}

// How the agency can reach the citizen: phones, email and the preferred
// method, which a liaison needs for the first contact.
function contactRows(contact) {
	if (!contact)
		return [];
	const phones = (contact.phones || []).map((p) => (typeof p === 'string' ? p : p.number)).join(', ');
	return [
		row(t('citizen.phone'), phones),
		row(t('citizen.email'), contact.email),
		row(t('citizen.contact_method'), contact.contact_method ? t(`citizen.contact.${contact.contact_method}`) : null),
	];
}

// The main facts of a case. With staff = false, the public view that the
// API gives a citizen (no personal data, no internal notes).
export function caseSummary(c, { staff = true } = {}) {
	const contact = c.first_contact && c.first_contact.at ? c.first_contact : null;
	const firstContactAt = contact ? contact.at : c.first_contact_at;
	return h('dl', { class: 'facts' },
		row(t('case.number'), h('strong', { class: 'case-number' }, c.number)),
		row(t('case.status'), caseStatusBadge(c.status)),
		row(t('case.service'), nameOf(c.service)),
		row(t('case.agency'), nameOf(c.agency)),
		staff ? row(t('case.office'), [nameOf(c.office), c.area].filter(Boolean).join(' · ')) : null,
		staff ? row(t('case.assignee'), c.assignee) : null,
		staff ? row(t('case.citizen'), c.citizen_name || citizenName(c.citizen)) : null,
		...(staff ? contactRows(c.citizen_contact) : []),
		row(t('case.created'), formatDateTime(c.created_at)),
		staff ? row(t('case.sla1'), slaBadge('SLA1', c.sla1)) : null,
		staff ? row(t('case.sla2'), slaBadge('SLA2', c.sla2)) : null,
		!staff && c.expected_by && !c.closed_at ? row(t('case.expected_by'), formatDate(c.expected_by)) : null,
		row(t('case.first_contact'), firstContactAt ? [formatDateTime(firstContactAt),
			contact && contact.method ? ` · ${channelLabel(contact.method)}` : ''].join('') : null),
		row(t('case.reopened'), c.reopened_at ? formatDateTime(c.reopened_at) : null),
		row(t('case.closed'), c.closed_at ? formatDateTime(c.closed_at) : null),
		row(t('case.resolution'), c.resolution),
		staff && c.cancel_reason ? row(t('cancel.reason'), t(`cancel.reason.${c.cancel_reason}`)) : null,
		staff && c.duplicate_of_number ? row(t('cancel.duplicate_of'), c.duplicate_of_number) : null,
		staff ? row(t('case.description'), c.description) : null);
}

function isPublic(note) {
	return note.visibility === 'citizen' || note.visibility === 'public';
}

// Notes, newest first. The public view has only notes for the citizen.
export function caseNotes(notes, { staff = true } = {}) {
	const visible = (notes || []).filter((n) => staff || isPublic(n) || !n.visibility);
	if (!visible.length)
		return h('p', { class: 'muted' }, t('case.no_notes'));
	return h('ol', { class: 'notes', reversed: true }, visible.slice().reverse().map((n) => h('li', { class: 'note' },
		h('p', { class: 'note-meta' },
			formatDateTime(n.at || n.created_at), n.author ? ` · ${n.author}` : '',
			staff && n.visibility ? h('span', { class: `badge ${isPublic(n) ? 'badge-public' : 'badge-internal'}` },
				t(isPublic(n) ? 'note.public' : 'note.internal')) : null),
		h('p', null, n.text || ''))));
}

// One event of the history in words.
function describeEvent(e) {
	const parts = [];
	const type = e.type || e.action || '';
	const key = `history.${type}`;
	const label = t(key);
	parts.push(label === key ? type : label);
	const from = e.from_status || e.from;
	const to = e.to_status || e.to;
	if (from && to && from !== to)
		parts.push(`${caseStatusLabel(from)} → ${caseStatusLabel(to)}`);
	const data = e.data && typeof e.data === 'object' ? e.data : {};
	if (data.method)
		parts.push(channelLabel(data.method));
	if (data.reason)
		parts.push(t(`cancel.reason.${data.reason}`));
	if (data.resolution)
		parts.push(data.resolution);
	if (data.note)
		parts.push(data.note);
	if (data.area)
		parts.push(data.area);
	if (data.visibility)
		parts.push(t(isPublic(data) ? 'note.public' : 'note.internal'));
	return parts.filter(Boolean).join(' · ');
}

export function caseHistory(events) {
	if (!events || !events.length)
		return h('p', { class: 'muted' }, t('case.no_history'));
	return h('ol', { class: 'history' }, events.map((e) => h('li', null,
		h('span', { class: 'history-when' }, formatDateTime(e.at || e.created_at)),
		' ', h('span', { class: 'history-what' }, describeEvent(e)),
		e.actor ? h('span', { class: 'muted' }, ` · ${e.actor}`) : null)));
}
