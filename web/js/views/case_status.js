// case_status.js - a case by its number for call-center staff: its status
// and SLA clocks for a follow-up call, its notes and history.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as ep from '../endpoints.js';
import { parseCaseNumber } from '../format.js';
import { caseSummary, caseNotes, caseHistory } from '../case_common.js';
import { openCallDialog } from '../operator_dialogs.js';
import { pageHeader, alertBox } from '../ui.js';

export async function renderCaseStatus(main, params) {
	const number = parseCaseNumber(params.number) || params.number;
	let c;
	try {
		c = await ep.staffCaseByNumber(number);
	} catch (err) {
		main.append(pageHeader(t('case.title', { number })),
			alertBox(err.status === 404 ? 'warning' : 'error',
				err.status === 404 ? t('case.not_found', { number }) : err.message),
			h('p', null, h('a', { href: '/operador' }, t('console.back'))));
		return;
	}
	const [historyData, notesData] = await Promise.all([ep.caseHistory(c.id), ep.caseNotes(c.id)]);
	const history = historyData.items || [];
	const notes = notesData.items || [];
	main.append(
		pageHeader(t('case.title', { number: c.number }),
			h('button', { type: 'button', class: 'btn btn-primary', id: 'log-follow-up', onclick: () => openCallDialog({
				type: 'follow_up', caseId: c.id, caseNumber: c.number,
				citizenId: c.citizen_id, service: c.service,
				agencyId: c.agency && c.agency.id,
			}) }, t('call.log_follow_up')),
			h('a', { class: 'btn', href: '/operador' }, t('console.back'))),
		h('div', { class: 'two-col' },
			h('section', { class: 'card', 'aria-labelledby': 'case-facts-h' },
				h('h2', { id: 'case-facts-h' }, t('case.facts')), caseSummary(c)),
			h('div', null,
				h('section', { class: 'card', 'aria-labelledby': 'case-notes-h' },
					h('h2', { id: 'case-notes-h' }, t('case.notes')), caseNotes(notes)),
				h('section', { class: 'card', 'aria-labelledby': 'case-history-h' },
					h('h2', { id: 'case-history-h' }, t('case.history')), caseHistory(history)))));
}
