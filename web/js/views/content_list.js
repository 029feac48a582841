// content_list.js - the content office's list of services in every
// workflow status, with filters; liaisons see what awaits their review.
import { h, replace } from '../dom.js';
import { t, tn, pickText, formatDate } from '../i18n.js';
import * as ep from '../endpoints.js';
import { CONTENT_STATUSES, contentStatusBadge, contentStatusLabel } from '../format.js';
import { pageHeader, alertBox, loading, field, select, tableWrap } from '../ui.js';
import * as session from '../session.js';

export async function renderContentList(main, params, query) {
	const isLiaison = session.hasRole('liaison') && !session.hasRole('content_manager', 'coordinator', 'admin');
	const status = query.get('estado') || (isLiaison ? 'in_review' : 'any');
	main.append(pageHeader(t('content.title'),
		isLiaison ? null : h('a', { class: 'btn btn-primary', href: '/contenido/servicios/nuevo', id: 'new-service' }, t('content.new'))));
	const statusSel = select('estado', [
		h('option', { value: 'any' }, t('content.filter.any')),
		...CONTENT_STATUSES.map((s) => h('option', { value: s }, contentStatusLabel(s))),
	], { id: 'content-status' });
	statusSel.value = status;
	const holder = h('div', null, loading());
	main.append(h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() },
		field(t('content.filter.status'), statusSel)), holder);

	async function load() {
		const user = session.currentUser() || {};
		let data;
		try {
			data = await ep.listServices({
				status: statusSel.value === 'published' ? undefined : statusSel.value,
				agency_id: isLiaison ? user.agency_id : undefined,
				limit: 500,
			});
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		let items = data.items || [];
		if (statusSel.value === 'published')
			items = items.filter((s) => s.status === 'published' || s.published_version);
		const table = h('table', { class: 'table', id: 'content-table' },
			h('caption', { class: 'visually-hidden' }, t('content.caption')),
			h('thead', null, h('tr', null,
				h('th', { scope: 'col' }, t('content.col.name')),
				h('th', { scope: 'col' }, t('content.col.agency')),
				h('th', { scope: 'col' }, t('content.col.status')),
				h('th', { scope: 'col' }, t('content.col.version')),
				h('th', { scope: 'col' }, t('content.col.reviewed')))),
			h('tbody', null, items.length ? items.map((s) => h('tr', null,
				h('td', null, h('a', { href: `/contenido/servicios/${s.id}` }, pickText(s.name))),
				h('td', null, s.agency ? (s.agency.acronym || pickText(s.agency.name)) : ''),
				h('td', null, contentStatusBadge(s.status), s.stale ? h('span', { class: 'badge badge-stale' }, t('content.stale')) : null),
				h('td', null, String(s.version)),
				h('td', null, formatDate(s.last_reviewed_at)))) : h('tr', null, h('td', { colspan: 5 }, t('content.empty')))));
		replace(holder, h('p', { class: 'muted', role: 'status' }, tn('content.count', items.length)),
			tableWrap(t('content.caption'), table));
	}
	statusSel.addEventListener('change', () => {
		history.replaceState(null, '', statusSel.value === 'any' ? '/contenido' : `/contenido?estado=${statusSel.value}`);
		load();
	});
	await load();
}
