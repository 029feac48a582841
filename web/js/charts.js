// charts.js - bar and line charts drawn as SVG, each with a title, a
// legend in words and the same numbers in a table for screen readers and
// for anyone who prefers to read them.
import { h, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

// Series colours: each has at least 4.5:1 contrast against white.
export const PALETTE = ['#0b4f8a', '#a34a00', '#22672a', '#6a1b9a', '#8a1538', '#00596b'];

function s(tag, attrs, ...children) {
	const el = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs || {}))
		if (v !== null && v !== undefined)
			el.setAttribute(k, String(v));
	for (const c of children)
		if (c !== null && c !== undefined)
			el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
	return el;
}

// A round upper bound for the axis and its tick step.
function niceScale(max) {
	if (max <= 0)
		return { top: 1, step: 1 };
	const rough = max / 4;
	const mag = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((m) => m * mag).find((x) => x >= rough);
	return { top: Math.ceil(max / step) * step, step };
}

function dataTable(caption, categories, series, categoryLabel) {
	return h('details', { class: 'chart-data' },
		h('summary', null, t('chart.show_table')),
		h('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
			h('table', { class: 'table' },
				h('caption', null, caption),
				h('thead', null, h('tr', null, h('th', { scope: 'col' }, categoryLabel),
					series.map((se) => h('th', { scope: 'col' }, se.label)))),
				h('tbody', null, categories.map((c, i) => h('tr', null, h('th', { scope: 'row' }, c),
					series.map((se) => h('td', null, formatNumber(se.values[i] || 0)))))))));
}

function legend(series) {
	return h('ul', { class: 'chart-legend' }, series.map((se, i) => h('li', null,
		h('span', { class: `swatch swatch-${i % PALETTE.length}`, 'aria-hidden': 'true' }), se.label)));
}

// A vertical bar chart, stacked when stacked is true, or grouped lines
// when kind is "line". categories are the x labels; each series has a
// label and one value per category.
export function barChart({ title, categories, series, stacked = true, kind = 'bar', categoryLabel, id }) {
	// A fixed drawing size, scaled to the box: the text keeps about the
	// size of the page text at the usual chart widths.
	const width = 640;
	const height = 260;
	const pad = { left: 44, right: 8, top: 10, bottom: 48 };
	const plotW = width - pad.left - pad.right;
	const plotH = height - pad.top - pad.bottom;
	const totals = categories.map((_, i) => (stacked
		? series.reduce((sum, se) => sum + (se.values[i] || 0), 0)
		: Math.max(0, ...series.map((se) => se.values[i] || 0))));
	const { top, step } = niceScale(Math.max(0, ...totals));
	const y = (v) => pad.top + plotH - (v / top) * plotH;
	const band = plotW / Math.max(1, categories.length);
	const titleId = uid('chart');
	const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': titleId, focusable: 'false' },
		s('title', { id: titleId }, title));
	for (let v = 0; v <= top; v += step) {
		svg.appendChild(s('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
		svg.appendChild(s('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, formatNumber(v)));
	}
	// Label at most about 12 categories so the text never overlaps.
	const every = Math.ceil(categories.length / 12);
	categories.forEach((c, i) => {
		if (i % every === 0)
			svg.appendChild(s('text', { x: pad.left + band * i + band / 2, y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'axis' }, c));
	});
	if (kind === 'line') {
		series.forEach((se, k) => {
			const points = categories.map((_, i) => `${pad.left + band * i + band / 2},${y(se.values[i] || 0)}`).join(' ');
			svg.appendChild(s('polyline', { points, fill: 'none', stroke: PALETTE[k % PALETTE.length], 'stroke-width': 2.5,
				'stroke-dasharray': k % 2 ? '6 3' : null }));
			categories.forEach((_, i) => svg.appendChild(s('circle', {
				cx: pad.left + band * i + band / 2, cy: y(se.values[i] || 0), r: 3, fill: PALETTE[k % PALETTE.length] })));
		});
	} else {
		categories.forEach((c, i) => {
			let base = 0;
			const barW = stacked ? band * 0.7 : (band * 0.8) / series.length;
			series.forEach((se, k) => {
				const v = se.values[i] || 0;
				if (!v)
					return;
				const x = stacked ? pad.left + band * i + band * 0.15 : pad.left + band * i + band * 0.1 + barW * k;
				const y0 = stacked ? y(base + v) : y(v);
				const hgt = stacked ? y(base) - y(base + v) : y(0) - y(v);
				svg.appendChild(s('rect', { x, y: y0, width: Math.max(1, barW - 1), height: Math.max(0, hgt), fill: PALETTE[k % PALETTE.length] },
					s('title', null, `${c} · ${se.label}: ${formatNumber(v)}`)));
				if (stacked)
					base += v;
			});
		});
	}
	svg.appendChild(s('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'baseline' }));
	return h('figure', { class: 'chart-figure', id },
		h('figcaption', null, title), legend(series), svg,
		dataTable(title, categories, series, categoryLabel || ''));
}

// Horizontal bars of percentages (0-100) by row, one bar per series, with
// the value written at the end of each bar.
export function percentBars({ title, rows, series, rowLabel, id }) {
	const rowH = 18 * series.length + 14;
	const labelW = 230;
	const width = 640;
	const height = rows.length * rowH + 30;
	const plotW = width - labelW - 60;
	const titleId = uid('chart');
	const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': titleId, focusable: 'false' },
		s('title', { id: titleId }, title));
	for (let p = 0; p <= 100; p += 25) {
		const x = labelW + (p / 100) * plotW;
		svg.appendChild(s('line', { x1: x, x2: x, y1: 0, y2: height - 20, class: 'grid' }));
		svg.appendChild(s('text', { x, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, `${p} %`));
	}
	rows.forEach((r, i) => {
		const y0 = i * rowH + 6;
		svg.appendChild(s('text', { x: labelW - 8, y: y0 + rowH / 2, 'text-anchor': 'end', class: 'axis' }, r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label));
		series.forEach((se, k) => {
			const v = r.values[k];
			const y = y0 + k * 18;
			if (v === null || v === undefined) {
				svg.appendChild(s('text', { x: labelW + 4, y: y + 12, class: 'axis' }, t('chart.no_data')));
				return;
			}
			svg.appendChild(s('rect', { x: labelW, y, width: Math.max(1, (v / 100) * plotW), height: 14, fill: PALETTE[k % PALETTE.length] },
				s('title', null, `${r.label} · ${se.label}: ${formatNumber(v, { maximumFractionDigits: 1 })} %`)));
			svg.appendChild(s('text', { x: labelW + (v / 100) * plotW + 4, y: y + 12, class: 'axis' }, `${formatNumber(v, { maximumFractionDigits: 1 })} %`));
		});
	});
	const tableSeries = series.map((se, k) => ({ label: se.label, values: rows.map((r) => (r.values[k] === null || r.values[k] === undefined ? 0 : Math.round(r.values[k] * 10) / 10)) }));
	return h('figure', { class: 'chart-figure', id },
		h('figcaption', null, title), legend(series), svg,
		dataTable(title, rows.map((r) => r.label), tableSeries, rowLabel || ''));
}
