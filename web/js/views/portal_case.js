// portal_case.js - one referral as the agency liaison works it: history,
// first contact, notes, routing to an office, closing and reopening.
import { h, replace, announce } from '../dom.js';
import { t } from '../i18n.js';
import * as ep from '../endpoints.js';
import { caseSummary, caseNotes, caseHistory, nameOf } from '../case_common.js';
import { pageHeader, alertBox, loading, field, input, textarea, select, formAlert,
	showFormError, clearFormErrors, openDialog, busy, toast } from '../ui.js';
import { options } from '../format.js';

// Puerto Rico is UTC-4 all year, with no daylight saving time.
const PR_OFFSET = '-04:00';

// The current Puerto Rico time as a datetime-local value.
function nowLocalInput() {
	const d = new Date(Date.now() - 4 * 3600 * 1000);
	return d.toISOString().slice(0, 16);
}

function localInputToIso(value) {
	return new Date(`${value}:00${PR_OFFSET}`).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function renderPortalCase(main, params) {
	const holder = h('div', null, loading());
	main.append(holder);
	await load();

	async function load(focusHeading = false) {
		let c;
		let history = [];
		let notes = [];
		try {
			c = await ep.getCase(params.id);
			const [historyData, notesData] = await Promise.all([ep.caseHistory(c.id), ep.caseNotes(c.id)]);
			history = historyData.items || [];
			notes = notesData.items || [];
		} catch (err) {
			replace(holder, pageHeader(t('case.title_plain')), alertBox('error', err.message));
			return;
		}
		replace(holder,
			pageHeader(t('case.title', { number: c.number }),
				h('a', { class: 'btn', href: '/agencia' }, t('queue.back'))),
			actionsBar(c),
			h('div', { class: 'two-col' },
				h('section', { class: 'card', 'aria-labelledby': 'pc-facts-h' },
					h('h2', { id: 'pc-facts-h' }, t('case.facts')), caseSummary(c)),
				h('div', null,
					h('section', { class: 'card', 'aria-labelledby': 'pc-notes-h' },
						h('h2', { id: 'pc-notes-h' }, t('case.notes')), caseNotes(notes)),
					h('section', { class: 'card', 'aria-labelledby': 'pc-history-h' },
						h('h2', { id: 'pc-history-h' }, t('case.history')), caseHistory(history)))));
		if (focusHeading) {
			const h1 = holder.querySelector('h1');
			if (h1)
				h1.focus();
		}
	}

	// After an action: reload the case, keep the focus on the page title
	// and say what happened.
	async function done(message) {
		toast(message);
		await load(true);
		announce(message);
	}

	function actionsBar(c) {
		const open = ['new', 'contacted', 'in_progress'].includes(c.status);
		const buttons = [];
		if (c.status === 'new')
			buttons.push(h('button', { type: 'button', class: 'btn btn-primary', id: 'act-first-contact', onclick: () => firstContactDialog(c) }, t('action.first_contact')));
		if (c.status === 'contacted')
			buttons.push(h('button', { type: 'button', class: 'btn', id: 'act-start', onclick: () => startWork(c) }, t('action.start')));
		if (c.status === 'contacted' || c.status === 'in_progress')
			buttons.push(h('button', { type: 'button', class: 'btn btn-primary', id: 'act-close', onclick: () => closeDialog(c) }, t('action.close')));
		buttons.push(h('button', { type: 'button', class: 'btn', id: 'act-note', onclick: () => noteDialog(c) }, t('action.note')));
		if (open)
			buttons.push(h('button', { type: 'button', class: 'btn', id: 'act-route', onclick: () => routeDialog(c) }, t('action.route')));
		if (open)
			buttons.push(h('button', { type: 'button', class: 'btn btn-danger', id: 'act-cancel', onclick: () => cancelDialog(c) }, t('action.cancel')));
		if (c.status === 'closed')
			buttons.push(h('button', { type: 'button', class: 'btn', id: 'act-reopen', onclick: () => reopenDialog(c) }, t('action.reopen')));
		return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('case.actions') }, buttons);
	}

	// A dialog with one form; submit(values) performs the action.
	function actionDialog(title, fields, submitLabel, submit) {
		openDialog(title, (dialog, close) => {
			const button = h('button', { type: 'submit', class: 'btn btn-primary' }, submitLabel);
			const form = h('form', { class: 'form', novalidate: true }, formAlert(), fields,
				h('div', { class: 'form-actions' }, button,
					h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));
			form.addEventListener('submit', async (e) => {
				e.preventDefault();
				clearFormErrors(form);
				const values = {};
				for (const el of form.elements)
					if (el.name)
						values[el.name] = el.type === 'checkbox' ? el.checked : el.value.trim();
				await busy(button, async () => {
					try {
						const message = await submit(values, form);
						if (message === false)
							return;
						close();
						await done(message);
					} catch (err) {
						showFormError(form, err);
					}
				});
			});
			return form;
		});
	}

	function firstContactDialog(c) {
		actionDialog(t('action.first_contact'), [
			field(t('first_contact.at'), input('at', { type: 'datetime-local', value: nowLocalInput(), 'data-autofocus': true }),
				{ required: true, hint: t('first_contact.at_hint') }),
			field(t('first_contact.channel'), select('method', options(['phone', 'email', 'in_person'], (x) => t(`call.channel.${x}`), 'phone'))),
			field(t('first_contact.note'), textarea('note', { rows: 3 }), { hint: t('first_contact.note_hint') }),
		], t('first_contact.submit'), async (v, form) => {
			if (!v.at) {
				showFormError(form, { message: t('first_contact.at_missing'), field: 'at' });
				return false;
			}
			const body = { at: localInputToIso(v.at), method: v.method };
			if (v.note)
				body.note = v.note;
			await ep.firstContact(c.id, body);
			return t('first_contact.done');
		});
	}

	async function startWork(c) {
		try {
			await ep.setCaseStatus(c.id, { status: 'in_progress' });
			await done(t('action.started'));
		} catch (err) {
			toast(err.message, 'error');
		}
	}

	function closeDialog(c) {
		actionDialog(t('action.close'), [
			c.status === 'contacted' ? h('p', { class: 'hint' }, t('close.via_in_progress')) : null,
			field(t('close.resolution'), textarea('resolution', { rows: 4, 'data-autofocus': true }), { required: true, hint: t('close.resolution_hint') }),
		], t('close.submit'), async (v, form) => {
			if (!v.resolution) {
				showFormError(form, { message: t('close.resolution_missing'), field: 'resolution' });
				return false;
			}
			// A contacted case passes through "en proceso", the only
			// status that may be closed, so both steps are recorded.
			if (c.status === 'contacted')
				await ep.setCaseStatus(c.id, { status: 'in_progress' });
			await ep.setCaseStatus(c.id, { status: 'closed', resolution: v.resolution });
			return t('close.done');
		});
	}

	function noteDialog(c) {
		actionDialog(t('action.note'), [
			field(t('note.text'), textarea('text', { rows: 4, 'data-autofocus': true }), { required: true }),
			field(t('note.visibility'), select('visibility', [
				h('option', { value: 'internal' }, t('note.internal_long')),
				h('option', { value: 'citizen' }, t('note.public_long')),
			]), { hint: t('note.visibility_hint') }),
		], t('note.submit'), async (v, form) => {
			if (!v.text) {
				showFormError(form, { message: t('note.text_missing'), field: 'text' });
				return false;
			}
			await ep.addNote(c.id, { text: v.text, visibility: v.visibility });
			return t('note.done');
		});
	}

	async function routeDialog(c) {
		let offices = [];
		try {
			const agencyId = c.agency_id || (c.agency && c.agency.id);
			const data = await ep.listOffices({ agency_id: agencyId, limit: 500 });
			offices = (data && data.items) || [];
		} catch (err) {
			offices = [];
		}
		actionDialog(t('action.route'), [
			field(t('route.office'), select('office_id', [
				h('option', { value: '' }, t('route.no_office')),
				...offices.map((o) => h('option', { value: String(o.id), selected: c.office && c.office.id === o.id }, nameOf(o))),
			], { 'data-autofocus': true })),
			field(t('route.area'), input('area', { value: c.area || '' }), { hint: t('route.area_hint') }),
			field(t('route.assignee'), input('assignee', { value: c.assignee || '' }), { hint: t('route.assignee_hint') }),
		], t('route.submit'), async (v, form) => {
			if (!v.office_id && !v.area && !v.assignee) {
				showFormError(form, { message: t('route.missing'), field: 'office_id' });
				return false;
			}
			const body = {
				office_id: v.office_id ? Number(v.office_id) : null,
				area: v.area || null,
				assignee: v.assignee || null,
			};
			await ep.routeCase(c.id, body);
			return t('route.done');
		});
	}

	function cancelDialog(c) {
		actionDialog(t('action.cancel'), [
			field(t('cancel.reason'), select('reason', options(['duplicate', 'withdrawn', 'other'], (x) => t(`cancel.reason.${x}`), 'withdrawn'), { 'data-autofocus': true })),
			field(t('cancel.duplicate_of'), input('main_case_number', { placeholder: '311-AAAA-NNNNNN' }), { hint: t('cancel.duplicate_hint') }),
			field(t('cancel.note'), textarea('note', { rows: 2 })),
		], t('cancel.submit'), async (v, form) => {
			// A duplicate is linked to its main case, which keeps its
			// own SLA clocks; any other reason only cancels.
			if (v.reason === 'duplicate') {
				if (!v.main_case_number) {
					showFormError(form, { message: t('cancel.duplicate_missing'), field: 'main_case_number' });
					return false;
				}
				const body = { main_case_number: v.main_case_number };
				if (v.note)
					body.note = v.note;
				await ep.markDuplicate(c.id, body);
				return t('cancel.done');
			}
			const body = { status: 'cancelled', reason: v.reason };
			if (v.note)
				body.note = v.note;
			await ep.setCaseStatus(c.id, body);
			return t('cancel.done');
		});
	}

	function reopenDialog(c) {
		actionDialog(t('action.reopen'), [
			field(t('reopen.reason'), textarea('note', { rows: 3, 'data-autofocus': true }), { required: true, hint: t('reopen.hint') }),
		], t('reopen.submit'), async (v, form) => {
			if (!v.note) {
				showFormError(form, { message: t('reopen.missing'), field: 'note' });
				return false;
			}
			await ep.setCaseStatus(c.id, { status: 'in_progress', note: v.note });
			return t('reopen.done');
		});
	}
}
