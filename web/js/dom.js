// dom.js - building elements without innerHTML, so text from the API is
// never parsed as markup, and a few helpers shared by the views.

// Create an element: h('a', {href: '/x', class: 'btn'}, 'text', child, ...).
// Attributes starting with "on" become event listeners; a value of
// false, null or undefined leaves the attribute out.
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	if (attrs) {
		for (const [name, value] of Object.entries(attrs)) {
			if (value === false || value === null || value === undefined)
				continue;
			if (name.startsWith('on') && typeof value === 'function')
				el.addEventListener(name.slice(2), value);
			else if (name === 'dataset')
				Object.assign(el.dataset, value);
			else if (name === 'value' && 'value' in el)
				el.value = value;
			else if (name === 'checked' || name === 'selected' || name === 'disabled')
				el[name] = Boolean(value);
			else
				el.setAttribute(name, value === true ? '' : String(value));
		}
	}
	append(el, children);
	return el;
}

// Append children: strings become text nodes, arrays are flattened and
// null, undefined and false are skipped.
export function append(parent, children) {
	for (const child of children) {
		if (child === null || child === undefined || child === false)
			continue;
		if (Array.isArray(child))
			append(parent, child);
		else if (child instanceof Node)
			parent.appendChild(child);
		else
			parent.appendChild(document.createTextNode(String(child)));
	}
	return parent;
}

// Replace every child of parent.
export function replace(parent, ...children) {
	parent.replaceChildren();
	return append(parent, children);
}

let idCounter = 0;

// Return a document-unique id with the given prefix.
export function uid(prefix = 'id') {
	idCounter += 1;
	return `${prefix}-${idCounter}`;
}

// Say text to screen-reader users through the polite live region.
export function announce(text) {
	const region = document.getElementById('announcer');
	if (!region)
		return;
	region.textContent = '';
	// A new text node in a later task makes screen readers repeat a
	// message even when it equals the previous one.
	setTimeout(() => { region.textContent = text; }, 30);
}

// Return a function that calls fn once no call came for ms milliseconds.
export function debounce(fn, ms) {
	let timer = null;
	return (...args) => {
		clearTimeout(timer);
		timer = setTimeout(() => fn(...args), ms);
	};
}

// Move the keyboard focus to el, making it focusable when it is not.
export function focus(el) {
	if (!el)
		return;
	if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName))
		el.setAttribute('tabindex', '-1');
	el.focus();
}
