// login.js - the sign-in screen for staff.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { navigate } from '../router.js';
import { field, input, formAlert, showFormError, busy } from '../ui.js';

export async function renderLogin(main, params, query) {
	const next = query.get('siguiente');
	const username = input('username', { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', 'data-autofocus': true });
	const password = input('password', { type: 'password', autocomplete: 'current-password' });
	const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('login.submit'));
	const form = h('form', { class: 'card form narrow', novalidate: true },
		formAlert(),
		field(t('login.username'), username, { required: true }),
		field(t('login.password'), password, { required: true }),
		h('div', { class: 'form-actions' }, submit));
	form.addEventListener('submit', async (e) => {
		e.preventDefault();
		if (!username.value.trim() || !password.value) {
			showFormError(form, { message: t('login.missing'), field: username.value.trim() ? 'password' : 'username' });
			return;
		}
		await busy(submit, async () => {
			try {
				await session.login(username.value.trim(), password.value);
			} catch (err) {
				password.value = '';
				showFormError(form, err.status === 401 || err.status === 400
					? { message: t('login.failed') } : err);
				return;
			}
			// Only a path inside the application is followed, never
			// another origin given in the link.
			const target = next && next.startsWith('/') && !next.startsWith('//') ? next : session.homePath();
			navigate(target, { replaceState: true });
		});
	});
	main.append(h('div', { class: 'narrow' },
		h('h1', { tabindex: '-1' }, t('login.title')),
		h('p', null, t('login.intro')),
		form,
		h('p', { class: 'muted' }, t('login.citizen_hint'), ' ',
			h('a', { href: '/' }, t('login.citizen_link')))));
}
