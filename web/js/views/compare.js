// compare.js - two versions of a service side by side, section by
// section, with the lines that differ marked in words as well as colour.
import { h, replace } from '../dom.js';
import { t, tn, pickText, formatDateTime } from '../i18n.js';
import * as ep from '../endpoints.js';
import { contentStatusBadge } from '../format.js';
import { SECTIONS, LOCATION_FIELDS, sectionTitle } from '../template_view.js';
import { pageHeader, alertBox, loading } from '../ui.js';

// Flatten one version into rows of [label, text] to compare, one row per
// language of every bilingual value.
function flatten(s) {
	const rows = [];
	const bi = (label, value) => {
		rows.push([`${label} (${t('lang.es')})`, (value && value.es) || '']);
		rows.push([`${label} (${t('lang.en')})`, (value && value.en) || '']);
	};
	bi(t('editor.name'), s.name);
	rows.push([t('editor.agency'), s.agency ? `${s.agency.acronym || ''} ${pickText(s.agency.name)}`.trim() : String(s.agency_id || '')]);
	rows.push([t('editor.referrals_allowed'), t(s.referrals_allowed ? 'common.yes' : 'common.no')]);
	rows.push([t('editor.sla2_days'), String(s.sla2_days ?? '')]);
	const tmpl = s.template || {};
	for (const [key, kind] of SECTIONS) {
		const title = sectionTitle(key);
		if (kind === 'text') {
			bi(title, tmpl[key]);
			if (key === 'location_hours') {
				const loc = tmpl.location || {};
				rows.push([t('editor.location'), LOCATION_FIELDS.filter((f) => loc[f]).map((f) => `${t(`location.${f}`)}: ${loc[f]}`).join('\n')]);
			}
		} else if (kind === 'faq') {
			for (const lang of ['es', 'en'])
				rows.push([`${title} (${t(`lang.${lang}`)})`, (tmpl.faq || [])
					.filter((p) => (p.question && p.question[lang]) || (p.answer && p.answer[lang]))
					.map((p) => `${(p.question && p.question[lang]) || ''}\n${(p.answer && p.answer[lang]) || ''}`).join('\n')]);
		} else if (kind === 'links') {
			rows.push([title, (tmpl.related_links || []).map((l) =>
				`${(l.title && (l.title.es || l.title.en)) || ''} ${l.url || ''}`.trim()).join('\n')]);
		} else {
			rows.push([title, (tmpl.social_media || []).map((m) => `${m.network}: ${m.account || ''} ${m.url || ''}`.trim()).join('\n')]);
		}
	}
	return rows;
}

// Mark which lines of a and b are not in their longest common subsequence.
export function lineDiff(a, b) {
	const x = a ? a.split('\n') : [];
	const y = b ? b.split('\n') : [];
	const n = x.length;
	const m = y.length;
	const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
	for (let i = n - 1; i >= 0; i--)
		for (let j = m - 1; j >= 0; j--)
			lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
	const left = x.map((text) => ({ text, changed: true }));
	const right = y.map((text) => ({ text, changed: true }));
	let i = 0;
	let j = 0;
	while (i < n && j < m) {
		if (x[i] === y[j]) {
			left[i].changed = false;
			right[j].changed = false;
			i++;
			j++;
		} else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	return { left, right };
}

function cell(lines, kind) {
	if (!lines.length)
		return h('td', { class: 'muted' }, t('compare.empty'));
	return h('td', null, lines.map((l) => h('div', { class: l.changed ? `diff-line diff-${kind}` : 'diff-line' },
		l.changed ? h('span', { class: 'visually-hidden' }, `${t(kind === 'del' ? 'compare.removed' : 'compare.added')}: `) : null,
		l.text || '\u00a0')));
}

export async function renderCompare(main, params, query) {
	const a = query.get('a');
	const b = query.get('b');
	const holder = h('div', null, loading());
	main.append(holder);
	let va;
	let vb;
	try {
		[va, vb] = await Promise.all([ep.getVersion(params.id, a), ep.getVersion(params.id, b)]);
	} catch (err) {
		replace(holder, pageHeader(t('compare.title_plain')), alertBox('error', err.message));
		return;
	}
	const ra = flatten(va);
	const rb = flatten(vb);
	const onlyChanges = h('input', { type: 'checkbox', id: 'only-changes' });
	let changedCount = 0;
	const body = h('tbody', null, ra.map(([label, textA], i) => {
		const textB = rb[i][1];
		const same = textA === textB;
		if (!same)
			changedCount += 1;
		const diff = lineDiff(textA, textB);
		return h('tr', { class: same ? 'same' : 'changed' },
			h('th', { scope: 'row' }, label, same ? null : h('span', { class: 'badge badge-changed' }, t('compare.changed'))),
			cell(diff.left, 'del'), cell(diff.right, 'add'));
	}));
	onlyChanges.addEventListener('change', () => {
		body.classList.toggle('only-changes', onlyChanges.checked);
	});
	const head = (v) => [`${t('compare.version', { version: v.view_version || v.version })} · `, contentStatusBadge(v.view_status || v.status),
		v.updated_at ? ` · ${formatDateTime(v.updated_at)}` : ''];
	replace(holder,
		pageHeader(t('compare.title', { name: pickText(vb.name) }),
			h('a', { class: 'btn', href: `/contenido/servicios/${params.id}` }, t('compare.back'))),
		h('p', { role: 'status' }, tn('compare.summary', changedCount)),
		h('div', { class: 'checkbox' }, onlyChanges, h('label', { for: 'only-changes' }, t('compare.only_changes'))),
		h('div', { class: 'table-wrap', role: 'region', 'aria-label': t('compare.title_plain'), tabindex: '0' },
			h('table', { class: 'table compare', id: 'compare-table' },
				h('thead', null, h('tr', null,
					h('th', { scope: 'col' }, t('compare.field')),
					h('th', { scope: 'col' }, head(va)),
					h('th', { scope: 'col' }, head(vb)))),
				body)));
}
