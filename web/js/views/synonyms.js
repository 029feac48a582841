// synonyms.js - the list of synonyms and acronyms that the search expands:
// each group contains phrases that mean the same ("ACAA", "Administración de
// Compensaciones por Accidentes de Automóviles").
import { h, replace, debounce, announce } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as ep from '../endpoints.js';
import { pageHeader, alertBox, loading, field, input, textarea, formAlert,
	showFormError, clearFormErrors, openDialog, busy, toast, tableWrap } from '../ui.js';

export async function renderSynonyms(main) {
	const q = input('q', { type: 'search', id: 'syn-q', autocomplete: 'off' });
	const holder = h('div', null, loading());
	main.append(pageHeader(t('synonyms.title'),
		h('button', { type: 'button', class: 'btn btn-primary', id: 'new-synonym', onclick: () => groupDialog(null, load) }, t('synonyms.new'))),
	h('p', { class: 'lead' }, t('synonyms.intro')),
	h('form', { class: 'filters', role: 'search', 'aria-label': t('synonyms.search'), onsubmit: (e) => e.preventDefault() },
		field(t('synonyms.search'), q)),
	holder);

	async function load() {
		let data;
		try {
			data = await ep.listSynonyms({ q: q.value.trim(), limit: 500 });
		} catch (err) {
			replace(holder, alertBox('error', err.message));
			return;
		}
		const items = data.items || [];
		replace(holder, h('p', { class: 'muted', role: 'status' }, tn('synonyms.count', items.length)),
			tableWrap(t('synonyms.title'), h('table', { class: 'table', id: 'synonym-table' },
				h('thead', null, h('tr', null,
					h('th', { scope: 'col' }, t('synonyms.col.phrases')),
					h('th', { scope: 'col' }, t('synonyms.col.note')),
					h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('common.actions'))))),
				h('tbody', null, items.length ? items.map((g) => h('tr', null,
					h('td', null, h('ul', { class: 'chips' }, (g.phrases || []).map((p) => h('li', { class: 'chip' }, p)))),
					h('td', null, g.note || ''),
					h('td', { class: 'actions' },
						h('button', { type: 'button', class: 'btn btn-small', 'aria-label': t('synonyms.edit_label', { phrase: (g.phrases || [])[0] || '' }),
							onclick: () => groupDialog(g, load) }, t('common.edit')),
						h('button', { type: 'button', class: 'btn btn-small btn-danger', 'aria-label': t('synonyms.delete_label', { phrase: (g.phrases || [])[0] || '' }),
							onclick: async () => {
								if (!window.confirm(t('synonyms.confirm_delete', { phrase: (g.phrases || []).join(', ') })))
									return;
								try {
									await ep.deleteSynonym(g.id);
									toast(t('synonyms.deleted'));
									await load();
									q.focus();
								} catch (err) {
									toast(err.message, 'error');
								}
							} }, t('common.delete'))))) : h('tr', null, h('td', { colspan: 3 }, t('synonyms.empty')))))));
	}
	q.addEventListener('input', debounce(load, 200));
	await load();
}

function groupDialog(group, reload) {
	openDialog(t(group ? 'synonyms.edit' : 'synonyms.new'), (dialog, close) => {
		const phrases = textarea('phrases', { rows: 4, value: group ? (group.phrases || []).join('\n') : '', 'data-autofocus': true });
		const note = input('note', { value: (group && group.note) || '' });
		const form = h('form', { class: 'form', novalidate: true },
			formAlert(),
			field(t('synonyms.phrases'), phrases, { required: true, hint: t('synonyms.phrases_hint') }),
			field(t('synonyms.note'), note),
			h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('common.save')),
				h('button', { type: 'button', class: 'btn', onclick: close }, t('common.cancel'))));
		form.addEventListener('submit', async (e) => {
			e.preventDefault();
			clearFormErrors(form);
			const list = phrases.value.split(/[\n,]/).map((p) => p.trim()).filter(Boolean);
			if (list.length < 2) {
				showFormError(form, { message: t('synonyms.too_few'), field: 'phrases' });
				return;
			}
			const body = { phrases: list };
			if (note.value.trim())
				body.note = note.value.trim();
			await busy(form.querySelector('[type=submit]'), async () => {
				try {
					if (group)
						await ep.replaceSynonym(group.id, body);
					else
						await ep.createSynonym(body);
					close();
					toast(t('common.saved'));
					announce(t('common.saved'));
					await reload();
				} catch (err) {
					if (err.field && /^phrases/.test(err.field))
						err.field = 'phrases';
					showFormError(form, err);
				}
			});
		});
		return form;
	});
}
