// calendar.js - the business calendar of a year: official holidays, half
// days and declared closures (a hurricane, say). Adding or removing a day
// recomputes the SLA due dates of open cases.
import { h, replace, announce } from '../dom.js';
import { t, formatDate, formatDateTime, todayLocal, addDays } from '../i18n.js';
import * as ep from '../endpoints.js';
import { pageHeader, alertBox, loading, field, input, select, formAlert,
	showFormError, clearFormErrors, busy, toast, tableWrap } from '../ui.js';
import * as session from '../session.js';

const KINDS = ['holiday', 'closure', 'half_day'];

// Days one form may add at once; each day is one request.
const MAX_RANGE_DAYS = 31;

export async function renderCalendar(main, params, query) {
	const year = Number(query.get('anio')) || Number(todayLocal().slice(0, 4));
	const canEdit = session.hasRole('admin', 'content_manager', 'coordinator');
	const yearSel = select('anio', [year - 1, year, year + 1, year + 2].map((y) =>
		h('option', { value: String(y), selected: y === year }, String(y))), { id: 'cal-year' });
	const holder = h('div', null, loading());
	main.append(pageHeader(t('calendar.title')),
		h('p', { class: 'lead' }, t('calendar.intro')),
		h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, field(t('calendar.year'), yearSel)),
		holder);
	yearSel.addEventListener('change', () => {
		history.replaceState(null, '', `/calendario?anio=${yearSel.value}`);
		load();
	});

	async function load() {
		const y = Number(yearSel.value);
		let data;
		try {
			data = await ep.calendarYear(y);
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const entries = data.entries || [];
		const confirm = h('button', { type: 'button', class: 'btn', id: 'cal-confirm', onclick: async (e) => {
			await busy(e.currentTarget, async () => {
				try {
					await ep.confirmCalendarYear(y);
					toast(t('calendar.confirmed_done', { year: y }));
					await load();
				} catch (err) {
					toast(err.message, 'error');
				}
			});
		} }, t('calendar.confirm', { year: y }));
		replace(holder,
			data.warning ? alertBox('warning', typeof data.warning === 'string' ? data.warning : (data.warning.message || '')) : null,
			h('p', null, data.confirmed
				? t('calendar.confirmed_by', { date: formatDateTime(data.confirmed_at), who: data.confirmed_by || '' })
				: t('calendar.unconfirmed', { year: y }),
			' ', !data.confirmed && canEdit ? confirm : null),
			h('section', { 'aria-labelledby': 'cal-days' },
				h('h2', { id: 'cal-days' }, t('calendar.days', { year: y })),
				tableWrap(t('calendar.days', { year: y }), h('table', { class: 'table', id: 'calendar-table' },
					h('thead', null, h('tr', null,
						h('th', { scope: 'col' }, t('calendar.col.date')),
						h('th', { scope: 'col' }, t('calendar.col.weekday')),
						h('th', { scope: 'col' }, t('calendar.col.kind')),
						h('th', { scope: 'col' }, t('calendar.col.name')),
						canEdit ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
					h('tbody', null, entries.length ? entries.map((d) => h('tr', { class: `cal-${d.kind}` },
						h('td', null, formatDate(d.date)),
						h('td', null, d.weekday || ''),
						h('td', null, t(`calendar.kind.${d.kind}`)),
						h('td', null, d.name || ''),
						canEdit ? h('td', null, h('button', { type: 'button', class: 'btn btn-small btn-danger',
							'aria-label': t('calendar.remove_label', { name: `${d.name || ''} ${formatDate(d.date)}`.trim() }),
							onclick: () => remove(d) }, t('common.delete'))) : null))
						: h('tr', null, h('td', { colspan: canEdit ? 5 : 4 }, t('calendar.empty'))))))),
			canEdit ? entryForm() : null);
	}

	async function remove(entry) {
		if (!window.confirm(t('calendar.confirm_remove')))
			return;
		try {
			await ep.removeCalendarEntry(entry.date, entry.kind);
			toast(t('calendar.removed'));
			await load();
			yearSel.focus();
		} catch (err) {
			toast(err.message, 'error');
		}
	}

	function entryForm() {
		const kind = select('kind', KINDS.map((k) => h('option', { value: k }, t(`calendar.kind.${k}`))));
		const form = h('form', { class: 'form inline-form card', novalidate: true, id: 'calendar-form', 'aria-labelledby': 'calendar-form-h' },
			h('h2', { id: 'calendar-form-h' }, t('calendar.add_day')),
			h('p', { class: 'hint' }, t('calendar.closure_hint')),
			formAlert(),
			field(t('calendar.col.kind'), kind),
			field(t('calendar.col.date'), input('date', { type: 'date' }), { required: true }),
			field(t('calendar.end_date'), input('end_date', { type: 'date' }), { hint: t('calendar.end_date_hint') }),
			field(t('calendar.col.name'), input('name'), { required: true, hint: t('calendar.name_hint') }),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('calendar.add'))));
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			const v = (n) => form.elements[n].value.trim();
			if (!v('date') || !v('name')) {
				showFormError(form, { message: t('calendar.missing'), field: v('date') ? 'name' : 'date' });
				return;
			}
			const last = v('end_date') || v('date');
			if (last < v('date')) {
				showFormError(form, { message: t('calendar.end_before_start'), field: 'end_date' });
				return;
			}
			if (last > addDays(v('date'), MAX_RANGE_DAYS - 1)) {
				showFormError(form, { message: t('calendar.range_too_long', { days: MAX_RANGE_DAYS }), field: 'end_date' });
				return;
			}
			await busy(form.querySelector('[type=submit]'), async () => {
				let recomputed = 0;
				try {
					// A closure of several days is one entry per day.
					for (let d = v('date'); d <= last; d = addDays(d, 1)) {
						const r = await ep.addCalendarEntry({ date: d, kind: kind.value, name: v('name') });
						recomputed += (r && r.cases_recomputed) || 0;
					}
				} catch (err) {
					showFormError(form, err);
					return;
				}
				const message = t('calendar.recomputed', { count: recomputed });
				toast(message);
				await load();
				announce(message);
			});
		});
		return form;
	}

	await load();
}
