// ui.js - form fields, alerts, dialogs and other pieces that every screen
// builds the same way, so labels, errors and focus behave alike.
import { h, uid, replace, announce } from './dom.js';
import { t } from './i18n.js';

// A labelled control. control is an <input>, <select> or <textarea>
// element; it gets an id when it has none. Returns the wrapper.
export function field(label, control, { hint, required, lang: textLang, className } = {}) {
	if (!control.id)
		control.id = uid('f');
	const describedBy = [];
	let hintEl = null;
	if (hint) {
		hintEl = h('p', { class: 'hint', id: `${control.id}-hint` }, hint);
		describedBy.push(hintEl.id);
	}
	if (describedBy.length)
		control.setAttribute('aria-describedby', describedBy.join(' '));
	if (required) {
		control.required = true;
		control.setAttribute('aria-required', 'true');
	}
	if (textLang)
		control.setAttribute('lang', textLang);
	const errorEl = h('p', { class: 'field-error', id: `${control.id}-error`, hidden: true });
	return h('div', { class: `field ${className || ''}`.trim(), dataset: { field: control.name || '' } },
		h('label', { for: control.id }, label, required ? h('span', { class: 'required' }, ` (${t('form.required')})`) : null),
		hintEl, control, errorEl);
}

export function input(name, attrs = {}) {
	return h('input', { name, type: 'text', ...attrs });
}

export function textarea(name, attrs = {}) {
	return h('textarea', { name, rows: 3, ...attrs });
}

export function select(name, optionEls, attrs = {}) {
	return h('select', { name, ...attrs }, optionEls);
}

// Show an error under the control named by the API's field path
// ("phone", "template.faq[2].answer.es") when the form has it, and in the
// form's alert in every case.
export function showFormError(form, err) {
	clearFormErrors(form);
	const alert = form.querySelector('.form-alert');
	const message = err && err.message ? err.message : String(err);
	if (err && err.field) {
		const control = form.querySelector(`[name="${CSS.escape(err.field)}"]`) ||
			form.querySelector(`[data-api-field="${CSS.escape(err.field)}"]`);
		if (control) {
			control.setAttribute('aria-invalid', 'true');
			const errorEl = document.getElementById(`${control.id}-error`);
			if (errorEl) {
				errorEl.textContent = message;
				errorEl.hidden = false;
				const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
				if (!ids.includes(errorEl.id))
					control.setAttribute('aria-describedby', [...ids, errorEl.id].join(' '));
			}
		}
	}
	if (alert) {
		replace(alert, message);
		alert.hidden = false;
		alert.focus();
	} else {
		announce(message);
	}
}

export function clearFormErrors(form) {
	for (const el of form.querySelectorAll('[aria-invalid="true"]'))
		el.removeAttribute('aria-invalid');
	for (const el of form.querySelectorAll('.field-error')) {
		el.hidden = true;
		el.textContent = '';
	}
	const alert = form.querySelector('.form-alert');
	if (alert)
		alert.hidden = true;
}

// The alert box at the top of a form, focused when an error is shown.
export function formAlert() {
	return h('div', { class: 'alert alert-error form-alert', role: 'alert', tabindex: '-1', hidden: true });
}

export function alertBox(kind, ...content) {
	return h('div', { class: `alert alert-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, content);
}

export function loading() {
	return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

// A short message in the corner that screen readers also hear.
export function toast(message, kind = 'success') {
	const box = document.getElementById('toasts');
	const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
	box.appendChild(el);
	setTimeout(() => el.remove(), 6000);
}

// A modal dialog built on <dialog>, which keeps the focus inside and
// closes on Escape. build(dialog, close) returns the body. The focus goes
// back to the element that had it when the dialog closes.
export function openDialog(title, build, { wide = false } = {}) {
	const opener = document.activeElement;
	const titleId = uid('dlg');
	const dialog = h('dialog', { class: `dialog ${wide ? 'dialog-wide' : ''}`, 'aria-labelledby': titleId });
	const close = () => dialog.close();
	dialog.append(
		h('div', { class: 'dialog-head' },
			h('h2', { id: titleId }, title),
			h('button', { type: 'button', class: 'btn btn-ghost dialog-close', 'aria-label': t('common.close'), onclick: close }, '×')),
		build(dialog, close));
	dialog.addEventListener('close', () => {
		dialog.remove();
		if (opener && document.contains(opener))
			opener.focus();
	});
	document.body.appendChild(dialog);
	dialog.showModal();
	const first = dialog.querySelector('[data-autofocus]') ||
		dialog.querySelector('input:not([type=hidden]), select, textarea, button:not(.dialog-close)');
	if (first)
		first.focus();
	return dialog;
}

// The title row of a screen: an <h1> and optional actions.
export function pageHeader(title, ...actions) {
	return h('div', { class: 'page-header' },
		h('h1', { tabindex: '-1' }, title),
		actions.length ? h('div', { class: 'page-actions' }, actions) : null);
}

// Wrap a wide table so it scrolls on its own on narrow screens; the
// region is focusable so a keyboard can scroll it.
export function tableWrap(label, table) {
	return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

export function button(label, onclick, attrs = {}) {
	return h('button', { type: 'button', class: 'btn', onclick, ...attrs }, label);
}

// Disable a submit button while an async action runs.
export async function busy(buttonEl, fn) {
	buttonEl.disabled = true;
	buttonEl.setAttribute('aria-busy', 'true');
	try {
		return await fn();
	} finally {
		buttonEl.disabled = false;
		buttonEl.removeAttribute('aria-busy');
	}
}
