// not_found.js - unknown paths and screens the user's role may not open.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as session from '../session.js';

export async function renderNotFound(main, params) {
	main.append(h('div', { class: 'narrow' },
		h('h1', { tabindex: '-1' }, t(params.forbidden ? 'error.forbidden_title' : 'error.not_found_title')),
		h('p', null, t(params.forbidden ? 'error.forbidden_body' : 'error.not_found_body')),
		h('p', null, h('a', { href: session.currentUser() ? session.homePath() : '/' }, t('error.go_home')))));
}
