// template_view.js - a service's template read section by section, as
// operators, citizens and the content office see it.
import { h } from './dom.js';
import { t, pick, lang, formatDate, pickText } from './i18n.js';

// The nine sections in the order a template lists them, with the JSON key
// and the kind of content.
export const SECTIONS = [
	['description', 'text'],
	['audience', 'text'],
	['considerations', 'text'],
	['location_hours', 'text'],
	['cost_payment', 'text'],
	['requirements', 'text'],
	['faq', 'faq'],
	['related_links', 'links'],
	['social_media', 'social'],
];

export const LOCATION_FIELDS = ['place', 'directory', 'hours', 'contact', 'phone', 'fax', 'email'];

export function sectionTitle(key) {
	return t(`section.${key}`);
}

// Render section text: one paragraph per line, "- " items as a bullet
// list and "1. " items as a numbered list.
export function renderText(text) {
	const out = [];
	let list = null;
	let listKind = null;
	for (const raw of String(text || '').split('\n')) {
		const line = raw.trim();
		if (!line) {
			list = null;
			continue;
		}
		const bullet = /^[-•]\s+(.*)$/.exec(line);
		const numbered = /^(\d+)[.)]\s+(.*)$/.exec(line);
		if (bullet || numbered) {
			const kind = bullet ? 'ul' : 'ol';
			if (!list || listKind !== kind) {
				list = h(kind, null);
				listKind = kind;
				if (numbered && numbered[1] !== '1')
					list.setAttribute('start', numbered[1]);
				out.push(list);
			}
			list.appendChild(h('li', null, bullet ? bullet[1] : numbered[2]));
		} else {
			list = null;
			out.push(h('p', null, line));
		}
	}
	return out;
}

// Text of a bilingual value in the interface language, marked with the
// language it is really in and a note when it is the other one.
function bilingual(value, render) {
	const { text, lang: textLang } = pick(value);
	if (!text)
		return null;
	const body = render(text);
	if (textLang === lang())
		return body;
	return h('div', { lang: textLang },
		h('p', { class: 'lang-note', lang: lang() }, t(textLang === 'es' ? 'service.only_es' : 'service.only_en')),
		body);
}

function hasContent(template, key, kind) {
	const value = template[key];
	if (kind === 'text')
		return Boolean(value && (value.es || value.en)) || (key === 'location_hours' && template.location &&
			LOCATION_FIELDS.some((f) => template.location[f]));
	return Array.isArray(value) && value.length > 0;
}

function renderLocation(location) {
	if (!location)
		return null;
	const rows = [];
	for (const f of LOCATION_FIELDS) {
		const value = location[f];
		if (!value)
			continue;
		let content = value;
		if (f === 'phone')
			content = h('a', { href: `tel:${value.replace(/[^\d+]/g, '')}` }, value);
		else if (f === 'email')
			content = h('a', { href: `mailto:${value}` }, value);
		rows.push(h('dt', null, t(`location.${f}`)), h('dd', null, content));
	}
	return rows.length ? h('dl', { class: 'location' }, rows) : null;
}

function renderSection(template, key, kind) {
	const value = template[key];
	if (kind === 'text') {
		if (key === 'location_hours') {
			const structured = renderLocation(template.location);
			// The structured contact block replaces the free text when
			// both say the same; the free text stays for what it adds.
			return [structured, structured ? null : bilingual(value, renderText)];
		}
		return bilingual(value, renderText);
	}
	if (kind === 'faq') {
		return h('div', { class: 'faq' }, value.map((pair) => {
			const q = pick(pair.question);
			const a = pick(pair.answer);
			return h('details', { class: 'faq-item' },
				h('summary', { lang: q.lang }, q.text),
				h('div', { lang: a.lang }, renderText(a.text)));
		}));
	}
	if (kind === 'links') {
		return h('ul', { class: 'links' }, value.map((link) => {
			const title = pick(link.title);
			const kindLabel = t(link.kind === 'document' ? 'links.document' : 'links.web');
			return h('li', null,
				link.url ? h('a', { href: link.url, rel: 'noopener noreferrer', target: '_blank', lang: title.lang }, title.text, h('span', { class: 'visually-hidden' }, ` (${t('common.new_window')})`))
					: h('span', { lang: title.lang }, title.text),
				h('span', { class: 'muted' }, ` · ${kindLabel}`));
		}));
	}
	return h('ul', { class: 'links' }, value.map((account) => h('li', null,
		h('strong', null, account.network), ': ',
		account.url ? h('a', { href: account.url, rel: 'noopener noreferrer', target: '_blank' }, account.account || account.url)
			: account.account || '')));
}

// The header of a service: agency, review date, and the stale warning,
// worded for staff or, with citizen = true, for the public.
export function serviceMeta(service, citizen = false) {
	const reviewed = service.last_reviewed_at;
	const agency = service.agency;
	return h('div', { class: 'service-meta' },
		agency ? h('p', { class: 'service-agency' },
			h('span', { class: 'visually-hidden' }, `${t('service.agency')}: `),
			agency.acronym ? `${agency.acronym} · ` : '', pickText(agency.name)) : null,
		h('p', { class: 'service-reviewed' },
			t('service.last_reviewed', { date: reviewed ? formatDate(reviewed) : t('service.never_reviewed') })),
		service.stale ? h('p', { class: 'alert alert-warning stale-warning', role: 'note' },
			h('strong', null, t('service.stale_title')), ' ',
			t(citizen ? 'service.stale_body_citizen' : 'service.stale_body')) : null);
}

// The whole template with a table of contents. headingLevel is the level
// of the service name (2 on the console, 1 on the citizen page).
export function renderService(service, { headingLevel = 2, idPrefix = 'sec', actions = null, citizen = false } = {}) {
	const template = service.template || {};
	const Heading = `h${headingLevel}`;
	const Sub = `h${headingLevel + 1}`;
	const name = pick(service.name);
	const present = SECTIONS.filter(([key, kind]) => hasContent(template, key, kind));
	const toc = h('nav', { class: 'toc', 'aria-label': t('service.sections') },
		h('ol', null, present.map(([key]) => h('li', null,
			h('a', { href: `#${idPrefix}-${key}` }, sectionTitle(key))))));
	const sections = present.map(([key, kind]) => h('section', {
		class: 'template-section', id: `${idPrefix}-${key}`, 'aria-labelledby': `${idPrefix}-${key}-h`,
	},
	h(Sub, { id: `${idPrefix}-${key}-h`, tabindex: '-1' }, sectionTitle(key)),
	renderSection(template, key, kind)));
	const disclaimer = template.disclaimer ? bilingual(template.disclaimer, (text) => h('p', { class: 'disclaimer' }, text)) : null;
	return h('article', { class: 'service', 'aria-labelledby': `${idPrefix}-title` },
		h(Heading, { id: `${idPrefix}-title`, lang: name.lang, tabindex: '-1' }, name.text),
		serviceMeta(service, citizen),
		actions,
		present.length ? toc : h('p', { class: 'muted' }, t('service.empty')),
		sections,
		disclaimer);
}

// In-page links of the table of contents move the focus to the section
// heading too, so that screen readers and keyboards follow the jump.
document.addEventListener('click', (e) => {
	const a = e.target.closest('.toc a[href^="#"]');
	if (!a)
		return;
	const target = document.getElementById(`${a.getAttribute('href').slice(1)}-h`);
	if (target) {
		e.preventDefault();
		target.scrollIntoView({ block: 'start' });
		target.focus();
	}
});
