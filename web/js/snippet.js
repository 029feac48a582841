// snippet.js - search snippets with their matches emphasised.
import { h } from './dom.js';
import { pickText } from './i18n.js';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: '\u00a0' };

// Turn the HTML escapes of a snippet back into characters.
function unescapeHtml(text) {
	return text.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, name) => {
		if (ENTITIES[name] !== undefined)
			return ENTITIES[name];
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : m;
		}
		return m;
	});
}

// Show a search snippet with its matches emphasised. The search API sends
// HTML-escaped text with each match inside <mark></mark>; the text is
// split on those markers and never parsed as HTML.
export function highlight(snippet) {
	const text = typeof snippet === 'string' ? snippet : pickText(snippet);
	return text.split(/(<mark>.*?<\/mark>)/).map((part) => {
		const m = /^<mark>(.*)<\/mark>$/.exec(part);
		return m ? h('mark', null, unescapeHtml(m[1])) : unescapeHtml(part);
	});
}
