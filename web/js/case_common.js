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

function row(label, value) {
	if (value === null || value === undefined || value === '')
		return null;
	return [h('dt', null, label), h('dd', null, value)];
}

// The main facts of a case. With staff = false, only what the citizen may
// see (no citizen details, no internal notes).
export function caseSummary(c, { staff = true } = {}) {
	return h('dl', { class: 'facts' },
		row(t('case.number'), h('strong', { class: 'case-number' }, c.number)),
		row(t('case.status'), caseStatusBadge(c.status)),
		row(t('case.service'), nameOf(c.service)),
		row(t('case.agency'), nameOf(c.agency)),
		staff ? row(t('case.office'), nameOf(c.office)) : null,
		staff ? row(t('case.citizen'), citizenName(c.citizen)) : null,
		staff && c.citizen ? row(t('citizen.phone'), (c.citizen.phones || [c.citizen.phone]).filter(Boolean).join(', ')) : null,
		staff && c.citizen ? row(t('citizen.email'), c.citizen.email) : null,
		row(t('case.created'), formatDateTime(c.created_at)),
		row(t('case.sla1'), slaBadge('SLA1', c.sla1)),
		row(t('case.sla2'), slaBadge('SLA2', c.sla2)),
		row(t('case.first_contact'), c.first_contact_at ? formatDateTime(c.first_contact_at) : null),
		row(t('case.closed'), c.closed_at ? formatDateTime(c.closed_at) : null),
		row(t('case.resolution'), c.resolution),
		staff ? row(t('case.description'), c.description) : null);
}

// Notes, newest first. Internal notes only for staff.
export function caseNotes(notes, { staff = true } = {}) {
	const visible = (notes || []).filter((n) => staff || n.visibility === 'public' || n.public === true);
	if (!visible.length)
		return h('p', { class: 'muted' }, t('case.no_notes'));
	return h('ol', { class: 'notes', reversed: true }, visible.slice().reverse().map((n) => h('li', { class: 'note' },
		h('p', { class: 'note-meta' },
			formatDateTime(n.created_at || n.at), n.author ? ` · ${n.author}` : '',
			staff ? h('span', { class: `badge ${isPublic(n) ? 'badge-public' : 'badge-internal'}` },
				t(isPublic(n) ? 'note.public' : 'note.internal')) : null),
		h('p', null, n.text || n.body || ''))));
}

function isPublic(note) {
	return note.visibility === 'public' || note.public === true;
}

// One line of the history in words.
function describeEvent(e) {
	const parts = [];
	const action = e.action || e.event || e.type || '';
	const key = `history.${action}`;
	const label = t(key);
	parts.push(label === key ? action : label);
	if (e.from || e.to)
		parts.push(`${e.from ? caseStatusLabel(e.from) : ''} → ${e.to ? caseStatusLabel(e.to) : ''}`);
	if (e.channel)
		parts.push(channelLabel(e.channel));
	if (e.detail && typeof e.detail === 'string')
		parts.push(e.detail);
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

export { formatDate };
