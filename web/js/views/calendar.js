// calendar.js - the business calendar: official holidays of a year and
// declared closures (a hurricane, say), which move the SLA due dates of
// open cases.
import { h, replace, announce } from '../dom.js';
import { t, pickText, formatDate, formatDateTime, todayLocal } from '../i18n.js';
import * as ep from '../endpoints.js';
import { pageHeader, alertBox, loading, field, input, select, formAlert,
	showFormError, clearFormErrors, busy, toast, tableWrap } from '../ui.js';
import * as session from '../session.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function weekday(date) {
	return t(`day.${WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()]}`);
}

export async function renderCalendar(main, params, query) {
	const year = Number(query.get('anio')) || Number(todayLocal().slice(0, 4));
	const canEdit = session.hasRole('director', 'admin', 'content_manager', 'coordinator');
	const yearSel = select('anio', [year - 1, year, year + 1].map((y) => h('option', { value: String(y), selected: y === year }, String(y))), { id: 'cal-year' });
	const holder = h('div', null, loading());
	main.append(pageHeader(t('calendar.title')),
		h('p', { class: 'lead' }, t('calendar.intro')),
		h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, field(t('calendar.year'), yearSel)),
		holder);
	yearSel.addEventListener('change', () => {
		history.replaceState(null, '', `/calendario?anio=${yearSel.value}`);
		load(Number(yearSel.value));
	});

	async function load(y) {
		let holidays;
		let closures;
		try {
			[holidays, closures] = await Promise.all([
				ep.listHolidays({ year: y }),
				ep.listClosures({ year: y }),
			]);
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const hItems = (holidays && holidays.items) || [];
		const cItems = (closures && closures.items) || [];
		replace(holder,
			holidays && holidays.confirmed === false ? alertBox('warning', t('calendar.unconfirmed', { year: y })) : null,
			h('section', { 'aria-labelledby': 'cal-holidays' },
				h('h2', { id: 'cal-holidays' }, t('calendar.holidays', { year: y })),
				tableWrap(t('calendar.holidays', { year: y }), h('table', { class: 'table', id: 'holiday-table' },
					h('thead', null, h('tr', null,
						h('th', { scope: 'col' }, t('calendar.col.date')),
						h('th', { scope: 'col' }, t('calendar.col.weekday')),
						h('th', { scope: 'col' }, t('calendar.col.name')),
						h('th', { scope: 'col' }, t('calendar.col.kind')),
						canEdit ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
					h('tbody', null, hItems.map((d) => h('tr', null,
						h('td', null, formatDate(d.date)),
						h('td', null, weekday(d.date)),
						h('td', null, pickText(d.name)),
						h('td', null, t(d.half_day ? 'calendar.half_day' : 'calendar.full_day')),
						canEdit ? h('td', null, d.id ? h('button', { type: 'button', class: 'btn btn-small btn-danger',
							'aria-label': t('calendar.remove_label', { name: pickText(d.name) }),
							onclick: () => remove(() => ep.deleteHoliday(d.id)) }, t('common.delete')) : null) : null))))),
				canEdit ? holidayForm() : null),
			h('section', { 'aria-labelledby': 'cal-closures' },
				h('h2', { id: 'cal-closures' }, t('calendar.closures')),
				cItems.length ? tableWrap(t('calendar.closures'), h('table', { class: 'table', id: 'closure-table' },
					h('thead', null, h('tr', null,
						h('th', { scope: 'col' }, t('calendar.col.date')),
						h('th', { scope: 'col' }, t('calendar.col.reason')),
						h('th', { scope: 'col' }, t('calendar.col.declared')),
						canEdit ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))) : null)),
					h('tbody', null, cItems.map((c) => h('tr', null,
						h('td', null, c.end_date && c.end_date !== c.date ? `${formatDate(c.date || c.start_date)} – ${formatDate(c.end_date)}` : formatDate(c.date || c.start_date)),
						h('td', null, pickText(c.reason || c.name)),
						h('td', null, formatDateTime(c.created_at)),
						canEdit ? h('td', null, c.id ? h('button', { type: 'button', class: 'btn btn-small btn-danger',
							onclick: () => remove(() => ep.deleteClosure(c.id)) }, t('common.delete')) : null) : null)))))
					: h('p', { class: 'muted' }, t('calendar.no_closures')),
				canEdit ? closureForm() : null));
	}

	async function remove(fn) {
		if (!window.confirm(t('calendar.confirm_remove')))
			return;
		try {
			await fn();
			toast(t('calendar.removed'));
			await load(Number(yearSel.value));
			yearSel.focus();
		} catch (err) {
			toast(err.message, 'error');
		}
	}

	function holidayForm() {
		const form = h('form', { class: 'form inline-form card', novalidate: true, id: 'holiday-form', 'aria-labelledby': 'holiday-form-h' },
			h('h3', { id: 'holiday-form-h' }, t('calendar.add_holiday')),
			formAlert(),
			field(t('calendar.col.date'), input('date', { type: 'date' }), { required: true }),
			field(t('calendar.name_es'), input('name.es', { lang: 'es' }), { required: true }),
			field(t('calendar.name_en'), input('name.en', { lang: 'en' })),
			h('div', { class: 'checkbox' }, h('input', { type: 'checkbox', name: 'half_day', id: 'hol-half' }),
				h('label', { for: 'hol-half' }, t('calendar.half_day_label'))),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('calendar.add'))));
		form.addEventListener('submit', (e) => submit(e, form, () => {
			const v = (n) => form.elements[n].value.trim() || null;
			if (!v('date') || !v('name.es'))
				throw Object.assign(new Error(t('calendar.missing')), { field: v('date') ? 'name.es' : 'date' });
			return ep.createHoliday({ date: v('date'), name: { es: v('name.es'), en: v('name.en') }, half_day: form.elements.half_day.checked });
		}));
		return form;
	}

	function closureForm() {
		const form = h('form', { class: 'form inline-form card', novalidate: true, id: 'closure-form', 'aria-labelledby': 'closure-form-h' },
			h('h3', { id: 'closure-form-h' }, t('calendar.add_closure')),
			h('p', { class: 'hint' }, t('calendar.closure_hint')),
			formAlert(),
			field(t('calendar.col.date'), input('date', { type: 'date' }), { required: true }),
			field(t('calendar.end_date'), input('end_date', { type: 'date' }), { hint: t('calendar.end_date_hint') }),
			field(t('calendar.col.reason'), input('reason'), { required: true }),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('calendar.declare'))));
		form.addEventListener('submit', (e) => submit(e, form, () => {
			const v = (n) => form.elements[n].value.trim() || null;
			if (!v('date') || !v('reason'))
				throw Object.assign(new Error(t('calendar.missing')), { field: v('date') ? 'reason' : 'date' });
			const body = { date: v('date'), reason: v('reason') };
			if (v('end_date'))
				body.end_date = v('end_date');
			return ep.createClosure(body);
		}));
		return form;
	}

	async function submit(e, form, action) {
		e.preventDefault();
		clearFormErrors(form);
		await busy(form.querySelector('[type=submit]'), async () => {
			try {
				await action();
				toast(t('common.saved'));
				announce(t('calendar.recomputed'));
				await load(Number(yearSel.value));
			} catch (err) {
				showFormError(form, err);
			}
		});
	}

	await load(year);
}
