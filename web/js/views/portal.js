// portal.js - the agency liaison's queue: referrals with their SLA1 and
// SLA2 due dates in colours and words, filters and sorting.
import { h, replace, announce } from '../dom.js';
import { t, tn, formatDate } from '../i18n.js';
import * as ep from '../endpoints.js';
import { CASE_STATUSES, caseStatusBadge, slaBadge, caseStatusLabel, parseCaseNumber } from '../format.js';
import { nameOf, citizenName } from '../case_common.js';
import { pageHeader, alertBox, loading, field, select, input, tableWrap } from '../ui.js';
import * as session from '../session.js';

const COLUMNS = [
	['number', 'queue.col.number'],
	['status', 'queue.col.status'],
	['service', 'queue.col.service'],
	['office', 'queue.col.office'],
	['created_at', 'queue.col.created'],
	['sla1', 'queue.col.sla1'],
	['sla2', 'queue.col.sla2'],
];

const SLA_ORDER = { overdue: 0, at_risk: 1, on_time: 2, missed: 3, met: 4 };

function sortValue(c, key) {
	switch (key) {
	case 'sla1':
	case 'sla2': {
		const sla = c[key] || {};
		return `${SLA_ORDER[sla.state] ?? 9}-${sla.due_date || sla.due || '9999'}`;
	}
	case 'status':
		return CASE_STATUSES.indexOf(c.status);
	case 'service':
	case 'agency':
	case 'office':
		return nameOf(c[key]).toLowerCase();
	default:
		return c[key] || '';
	}
}

export async function renderPortal(main, params, query) {
	const filters = {
		status: query.get('estado') || 'open',
		sla: query.get('sla') || '',
		office: query.get('oficina') || '',
		text: query.get('numero') || '',
		sort: query.get('orden') || 'sla1',
		dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
	};
	const user = session.currentUser() || {};
	// Staff who see every agency's cases (coordinators, the director) get
	// an agency column; a liaison's cases are all of one agency.
	const columns = user.agency_id ? COLUMNS
		: [...COLUMNS.slice(0, 3), ['agency', 'queue.col.agency'], ...COLUMNS.slice(3)];
	const agencyLine = h('p', { class: 'lead', id: 'queue-agency' });
	main.append(pageHeader(t('queue.title')), agencyLine);
	if (user.agency_id)
		ep.getAgency(user.agency_id).then((a) => { agencyLine.textContent = nameOf(a); }, () => null);
	const holder = h('div', null, loading());
	main.append(holder);

	let cases;
	try {
		const data = await ep.listCases({ agency_id: user.agency_id, office_id: user.office_id, limit: 500 });
		cases = (data && data.items) || [];
	} catch (err) {
		replace(holder, alertBox('error', err.message));
		return;
	}

	const offices = new Map();
	for (const c of cases)
		if (c.office)
			offices.set(String(c.office.id), nameOf(c.office));

	const statusSel = select('estado', [
		h('option', { value: 'open' }, t('queue.filter.open')),
		h('option', { value: 'all' }, t('queue.filter.all')),
		...CASE_STATUSES.map((s) => h('option', { value: s }, caseStatusLabel(s))),
	], { id: 'filter-status' });
	statusSel.value = filters.status;
	const slaSel = select('sla', [
		h('option', { value: '' }, t('queue.filter.any_sla')),
		...['overdue', 'at_risk', 'on_time'].map((s) => h('option', { value: s }, t(`sla.state.${s}`))),
	], { id: 'filter-sla' });
	slaSel.value = filters.sla;
	const officeSel = select('oficina', [
		h('option', { value: '' }, t('queue.filter.any_office')),
		...[...offices].map(([id, name]) => h('option', { value: id }, name)),
	], { id: 'filter-office' });
	officeSel.value = filters.office;
	const text = input('numero', { type: 'search', id: 'filter-text', value: filters.text, autocomplete: 'off' });

	const table = h('table', { class: 'table queue', id: 'queue-table' });
	const count = h('p', { role: 'status', class: 'muted', id: 'queue-count' });
	const filterForm = h('form', { class: 'filters', 'aria-label': t('queue.filters'), onsubmit: (e) => e.preventDefault() },
		field(t('queue.filter.status'), statusSel),
		field(t('queue.filter.sla'), slaSel),
		field(t('queue.filter.office'), officeSel),
		field(t('queue.filter.text'), text, { hint: t('queue.filter.text_hint') }));

	const legend = h('p', { class: 'legend' }, t('queue.legend'), ' ',
		slaBadge(null, { state: 'on_time' }), ' ', slaBadge(null, { state: 'at_risk' }), ' ', slaBadge(null, { state: 'overdue' }));

	function apply() {
		filters.status = statusSel.value;
		filters.sla = slaSel.value;
		filters.office = officeSel.value;
		filters.text = text.value.trim();
		const params2 = new URLSearchParams();
		if (filters.status !== 'open')
			params2.set('estado', filters.status);
		for (const [k, v] of [['sla', filters.sla], ['oficina', filters.office], ['numero', filters.text]])
			if (v)
				params2.set(k, v);
		if (filters.sort !== 'sla1')
			params2.set('orden', filters.sort);
		if (filters.dir === 'desc')
			params2.set('dir', 'desc');
		history.replaceState(null, '', `/agencia${params2.toString() ? `?${params2}` : ''}`);

		const typedNumber = parseCaseNumber(filters.text);
		const needle = filters.text.toLowerCase();
		const shown = cases.filter((c) => {
			if (filters.status === 'open' && !['new', 'contacted', 'in_progress'].includes(c.status))
				return false;
			if (!['open', 'all'].includes(filters.status) && c.status !== filters.status)
				return false;
			if (filters.sla && !((c.sla1 && c.sla1.state === filters.sla) || (c.sla2 && c.sla2.state === filters.sla)))
				return false;
			if (filters.office && String(c.office && c.office.id) !== filters.office)
				return false;
			if (typedNumber)
				return c.number === typedNumber;
			if (needle && !`${c.number} ${citizenName(c.citizen)} ${nameOf(c.service)}`.toLowerCase().includes(needle))
				return false;
			return true;
		});
		shown.sort((a, b) => {
			const x = sortValue(a, filters.sort);
			const y = sortValue(b, filters.sort);
			let order = 0;
			if (x < y)
				order = -1;
			else if (x > y)
				order = 1;
			return filters.dir === 'desc' ? -order : order;
		});
		renderTable(shown);
		count.textContent = tn('queue.count', shown.length, { total: cases.length });
	}

	function sortArrow(key) {
		if (filters.sort !== key)
			return ' ⇅';
		return filters.dir === 'asc' ? ' ▲' : ' ▼';
	}

	function ariaSort(key) {
		if (filters.sort !== key)
			return null;
		return filters.dir === 'asc' ? 'ascending' : 'descending';
	}

	function sortButton(key, labelKey) {
		return h('button', {
			type: 'button', class: 'sort-button', dataset: { sort: key },
			onclick: () => {
				if (filters.sort === key)
					filters.dir = filters.dir === 'asc' ? 'desc' : 'asc';
				else {
					filters.sort = key;
					filters.dir = 'asc';
				}
				apply();
				const again = table.querySelector(`[data-sort="${key}"]`);
				if (again)
					again.focus();
				announce(t('queue.sorted', { column: t(labelKey), dir: t(filters.dir === 'asc' ? 'queue.asc' : 'queue.desc') }));
			},
		}, t(labelKey), h('span', { 'aria-hidden': 'true', class: 'sort-arrow' }, sortArrow(key)));
	}

	function renderTable(rows) {
		replace(table,
			h('caption', { class: 'visually-hidden' }, t('queue.caption')),
			h('thead', null, h('tr', null, columns.map(([key, labelKey]) => h('th', {
				scope: 'col',
				'aria-sort': ariaSort(key),
			}, sortButton(key, labelKey))))),
			h('tbody', null, rows.length ? rows.map((c) => h('tr', { dataset: { number: c.number } },
				h('td', null, h('a', { href: `/agencia/casos/${c.id}` }, c.number)),
				h('td', null, caseStatusBadge(c.status)),
				h('td', null, nameOf(c.service)),
				user.agency_id ? null : h('td', null, c.agency ? (c.agency.acronym || nameOf(c.agency)) : ''),
				h('td', null, nameOf(c.office) || h('span', { class: 'muted' }, t('queue.no_office'))),
				h('td', null, formatDate(c.created_at)),
				h('td', null, slaBadge('SLA1', c.sla1)),
				h('td', null, slaBadge('SLA2', c.sla2)))) : h('tr', null, h('td', { colspan: columns.length }, t('queue.empty')))));
	}

	for (const el of [statusSel, slaSel, officeSel])
		el.addEventListener('change', apply);
	text.addEventListener('input', apply);
	replace(holder, filterForm, legend, count, tableWrap(t('queue.caption'), table));
	apply();
}
