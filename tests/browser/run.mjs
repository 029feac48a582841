// run.mjs - browser tests of the linea311 web application: headless
// Debian Chromium against the real server, in the order a working day
// runs. The content office publishes a service that the agency approved,
// and an operator finds it, answers a call and creates a referral. The
// liaison records the first contact and closes the case, the operator
// gives its status on a follow-up call, and a citizen checks it, in
// Spanish and in English. Screenshots of each main screen go to
// tests/artifacts/screenshots/.
//
// Usage: node run.mjs PATH/TO/linea311
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SHOTS, cli, startMailSink, startServer, stopServer, launchBrowser, newPage, screenshot,
	test, runAll, assert, assertEqual } from './harness.mjs';
import { auditPage, checkDictionary } from './checks.mjs';

const binary = process.argv[2];
if (!binary || !fs.existsSync(binary)) {
	console.error('usage: node run.mjs PATH/TO/linea311');
	console.log('0 passed, 1 failed');
	process.exit(2);
}

// Accounts the tests sign in with; the passwords exist only in the
// temporary data directory of this run.
const PASSWORD = 'Clave-de-prueba-2026!';
const USERS = {
	operator: ['operadora', 'operator', 'Ana Operadora'],
	liaison: ['enlace', 'liaison', 'Luis Enlace', 'NSE911'],
	content: ['contenido', 'content_manager', 'Carmen Contenido'],
	supervisor: ['supervisora', 'supervisor', 'Sara Supervisora'],
	admin: ['directora', 'admin', 'Dora Directora'],
};

// Values that one flow passes to the next.
const state = { serviceId: null, caseNumber: null, caseId: null };
const SERVICE_NAME = 'Certificado de Antecedentes Penales';
const SERVICE_WORD = 'antecedentes';
const CITIZEN_PHONE = '787-555-0199';
const CITIZEN_NAME = 'María Rivera Peñuelas';

async function login(page, server, who) {
	const [username] = USERS[who];
	await page.goto(`${server.base}/ingresar`);
	await page.fill('input[name=username]', username);
	await page.fill('input[name=password]', PASSWORD);
	await page.click('form button[type=submit]');
	await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'));
}

async function logout(page) {
	await page.click('#logout');
	await page.waitForURL((url) => url.pathname.startsWith('/ingresar'));
}

async function dialogSubmit(page) {
	await page.click('dialog[open] form button[type=submit]');
}

function noProblems(page) {
	assert(page.problems.length === 0, `script or CSP problems:\n${page.problems.join('\n')}`);
}

async function audit(page, where) {
	const problems = await page.evaluate(auditPage);
	assert(problems.length === 0, `${where}: accessibility problems:\n${problems.join('\n')}`);
}

// ---------------------------------------------------------------------

test('dictionary complete in both languages', async () => {
	const problems = await checkDictionary(path.join(ROOT, 'web', 'js'));
	assert(problems.length === 0, problems.join('\n'));
});

test('citizen home in Spanish, English one click away', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/`);
	assertEqual(await page.locator('html').getAttribute('lang'), 'es', 'html lang');
	assertEqual(await page.locator('h1').textContent(), '¿En qué le podemos ayudar?', 'Spanish heading');
	await audit(page, 'citizen home (es)');
	await screenshot(page, 'ciudadano-inicio');
	await page.click('#lang-switch');
	await page.waitForFunction(() => document.documentElement.lang === 'en');
	assertEqual(await page.locator('h1').textContent(), 'How can we help you?', 'English heading');
	assertEqual(await page.evaluate(() => document.activeElement.id), 'lang-switch', 'focus stays on the switch');
	await screenshot(page, 'citizen-home');
	await page.click('#lang-switch');
	await page.waitForFunction(() => document.documentElement.lang === 'es');
	noProblems(page);
	await page.context().close();
});

test('login rejects a wrong password with a message', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/ingresar`);
	await audit(page, 'login');
	await screenshot(page, 'ingresar');
	await page.fill('input[name=username]', 'operadora');
	await page.fill('input[name=password]', 'incorrecta');
	await page.click('form button[type=submit]');
	const alert = page.locator('.form-alert');
	await alert.waitFor({ state: 'visible' });
	assert((await alert.textContent()).includes('no son correctos'), 'login error names the problem');
	assert(page.url().endsWith('/ingresar'), 'stays on the login screen');
	await page.context().close();
});

test('content office drafts a service and sends it to review', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'content');
	assert(new URL(page.url()).pathname === '/contenido', `content manager lands on /contenido, got ${page.url()}`);
	await page.click('#new-service');
	await page.fill('input[name="name.es"]', SERVICE_NAME);
	await page.fill('input[name="name.en"]', 'Criminal Record Certificate');
	await page.selectOption('select[name=agency_id]', { label: 'NSE911 · Negociado de Sistemas de Emergencias 9-1-1' });
	await page.check('#ed-referrals');
	await page.fill('textarea[name="template.description.es"]', 'Certificado que indica si una persona tiene antecedentes penales en Puerto Rico.');
	await page.fill('textarea[name="template.description.en"]', 'Certificate stating whether a person has a criminal record in Puerto Rico.');
	await page.fill('textarea[name="template.requirements.es"]', '- Identificación con foto vigente\n- Número de seguro social');
	await page.fill('textarea[name="template.cost_payment.es"]', 'Sin costo en línea.');
	await page.click('[data-add=faq]');
	await page.fill('input[name="template.faq[0].question.es"]', '¿Cuánto tarda?');
	await page.fill('textarea[name="template.faq[0].answer.es"]', 'Se emite el mismo día.');
	await audit(page, 'editor (new)');
	await page.click('#save-service');
	await page.waitForURL(/\/contenido\/servicios\/\d+$/);
	state.serviceId = Number(page.url().match(/(\d+)$/)[1]);
	await page.locator('#wf-in_review').waitFor();
	await screenshot(page, 'contenido-editor');
	await page.click('#wf-in_review');
	await page.locator('#workflow .content-in_review').waitFor();
	noProblems(page);
	await page.context().close();
});

test('liaison approves the service of their agency', async ({ browser, server }) => {
	await approve(browser, server);
});

async function publish(browser, server) {
	const page = await newPage(browser, server);
	await login(page, server, 'content');
	await page.goto(`${server.base}/contenido/servicios/${state.serviceId}`);
	await page.click('#wf-published');
	await page.locator('#workflow .content-published').waitFor();
	noProblems(page);
	await page.context().close();
}

async function approve(browser, server) {
	const page = await newPage(browser, server);
	await login(page, server, 'liaison');
	await page.goto(`${server.base}/contenido`);
	await page.locator('#content-table a', { hasText: SERVICE_NAME }).click();
	await page.locator('#wf-approved').waitFor();
	assertEqual(await page.locator('#wf-published').count(), 0, 'a liaison gets no publish button');
	await page.click('#wf-approved');
	await page.locator('#workflow .content-approved').waitFor();
	noProblems(page);
	await page.context().close();
}

test('content office publishes the approved service', async ({ browser, server }) => {
	await publish(browser, server);
});

test('operator finds the published service while typing', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	assertEqual(new URL(page.url()).pathname, '/operador', 'operator lands on the console');
	assertEqual(await page.evaluate(() => document.activeElement.id), 'console-search', 'search box has the focus');
	await page.keyboard.type(SERVICE_WORD.slice(0, 6));
	const result = page.locator('#console-results a', { hasText: SERVICE_NAME });
	await result.waitFor();
	await audit(page, 'console');
	await screenshot(page, 'operador-consola');
	// Keyboard only: down arrow to the results, Enter opens.
	let onResult = false;
	for (let i = 0; i < 20 && !onResult; i++) {
		await page.keyboard.press('ArrowDown');
		onResult = await page.evaluate((name) => document.activeElement.textContent.includes(name), SERVICE_NAME);
	}
	assert(onResult, 'the arrow keys reach the result');
	await page.keyboard.press('Enter');
	await page.locator('#svc-title', { hasText: SERVICE_NAME }).waitFor();
	assertEqual(await page.evaluate(() => document.activeElement.id), 'svc-title', 'focus moves to the service');
	assert((await page.locator('.service-reviewed').textContent()).startsWith('Última revisión:'), 'review date shown');
	assert(await page.locator('#svc-requirements').isVisible(), 'requirements section shown');
	await screenshot(page, 'operador-servicio');
	await page.context().close();
});

test('operator sends the information by email and logs the call', async ({ browser, server, mail }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.goto(`${server.base}/operador/servicios/${state.serviceId}`);
	await page.click('#action-send');
	await page.fill('#send-form input[name=recipient]', 'maria@example.com');
	await dialogSubmit(page);
	await page.locator('#send-form .alert-success').waitFor();
	await page.click('dialog[open] .dialog-close');
	// The outbox delivers in the background; wait for the message.
	for (let i = 0; i < 150 && !mail.messages.length; i++)
		await page.waitForTimeout(200);
	assert(mail.messages.length === 1, `one email delivered, got ${mail.messages.length}`);
	assert(mail.messages[0].to.join(' ').includes('maria@example.com'), 'email to the citizen');
	await page.fill('#caller-phone', CITIZEN_PHONE);
	await page.click('#action-log-call');
	assertEqual(await page.locator('#call-form select[name=outcome]').inputValue(), 'information_sent', 'outcome after sending');
	await dialogSubmit(page);
	await page.locator('.toast', { hasText: 'Llamada registrada' }).waitFor();
	noProblems(page);
	await page.context().close();
});

test('operator creates a referral for a new citizen', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.goto(`${server.base}/operador/servicios/${state.serviceId}`);
	await page.fill('#caller-phone', CITIZEN_PHONE);
	await page.click('#action-referral');
	await page.locator('#referral-form fieldset.new-citizen:not([hidden])').waitFor();
	await page.fill('#referral-form input[name=name]', CITIZEN_NAME);
	await page.fill('#referral-form input[name=municipio]', 'Peñuelas');
	await page.fill('#referral-form textarea[name=description]', 'Necesita el certificado para un empleo y no puede completar la solicitud en línea.');
	await audit(page, 'referral dialog');
	await screenshot(page, 'operador-referido');
	await dialogSubmit(page);
	const number = page.locator('.case-number-big');
	await number.waitFor();
	state.caseNumber = (await number.textContent()).trim();
	assert(/^311-\d{4}-\d{6}$/.test(state.caseNumber), `case number shape: ${state.caseNumber}`);
	await page.click('dialog[open] button[data-autofocus]');
	await page.locator('#call-form').waitFor();
	assertEqual(await page.locator('#call-form select[name=type]').inputValue(), 'referral', 'call type preset');
	await dialogSubmit(page);
	await page.locator('.toast', { hasText: 'Llamada registrada' }).waitFor();
	noProblems(page);
	await page.context().close();
});

test('operator finds the citizen by phone on a second referral', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.goto(`${server.base}/operador/servicios/${state.serviceId}`);
	await page.click('#action-referral');
	await page.fill('#referral-form input[name=phone]', '(787) 555-0199');
	await page.click('#referral-form .inline-field button');
	const found = page.locator('#referral-form .citizen-results label', { hasText: CITIZEN_NAME });
	await found.waitFor();
	assert(await page.locator('#referral-form fieldset.new-citizen').isHidden(), 'no new-citizen form when found');
	await page.click('dialog[open] .dialog-close');
	await page.context().close();
});

test('liaison sees the referral with its SLA dates in words', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'liaison');
	assertEqual(new URL(page.url()).pathname, '/agencia', 'liaison lands on the queue');
	const row = page.locator(`#queue-table tr[data-number="${state.caseNumber}"]`);
	await row.waitFor();
	const text = await row.textContent();
	assert(text.includes('nuevo'), `status in words: ${text}`);
	assert(/a tiempo|en riesgo|vencido/.test(text), `SLA state in words: ${text}`);
	await page.selectOption('#filter-sla', 'overdue');
	assertEqual(await row.count(), 0, 'the filter hides an on-time case');
	await page.selectOption('#filter-sla', '');
	await page.click('[data-sort=created_at]');
	assertEqual(await page.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending', 'sorted column marked');
	await audit(page, 'queue');
	await screenshot(page, 'agencia-cola');
	await page.context().close();
});

test('liaison records first contact, a note and closes the case', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'liaison');
	await page.click(`#queue-table tr[data-number="${state.caseNumber}"] a`);
	await page.locator('#act-first-contact').waitFor();
	state.caseId = Number(page.url().match(/(\d+)$/)[1]);
	await page.click('#act-first-contact');
	await page.fill('dialog[open] textarea[name=note]', 'Se llamó a la ciudadana y se confirmó la solicitud.');
	await dialogSubmit(page);
	await page.locator('.facts .status-contacted').waitFor();
	await page.click('#act-note');
	await page.fill('dialog[open] textarea[name=text]', 'Su certificado está listo para recoger.');
	await page.selectOption('dialog[open] select[name=visibility]', 'citizen');
	await dialogSubmit(page);
	await page.locator('.notes', { hasText: 'Su certificado está listo' }).waitFor();
	await page.click('#act-note');
	await page.fill('dialog[open] textarea[name=text]', 'Nota interna: verificar la identificación al entregar.');
	await dialogSubmit(page);
	await page.locator('.notes', { hasText: 'Nota interna' }).waitFor();
	await audit(page, 'case detail');
	await screenshot(page, 'agencia-caso');
	await page.click('#act-close');
	await page.fill('dialog[open] textarea[name=resolution]', 'Certificado emitido y entregado.');
	await dialogSubmit(page);
	await page.locator('.facts .status-closed').waitFor();
	const history = await page.locator('.history').textContent();
	assert(history.includes('Primer contacto'), `history has the first contact: ${history}`);
	noProblems(page);
	await page.context().close();
});

test('director sees the cases of every agency', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'admin');
	await page.goto(`${server.base}/agencia?estado=all`);
	const row = page.locator(`#queue-table tr[data-number="${state.caseNumber}"]`);
	await row.waitFor();
	assert((await row.textContent()).includes('NSE911'), 'agency column shows the agency');
	assert((await page.locator('#queue-table thead').textContent()).includes('Agencia'), 'agency column header');
	noProblems(page);
	await page.context().close();
});

test('operator gives the status on a follow-up call', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.keyboard.type(state.caseNumber);
	const panel = page.locator('#console-case-title', { hasText: state.caseNumber });
	await panel.waitFor();
	assert(await page.locator('.case-panel .status-closed').isVisible(), 'case shows as closed');
	await page.click('#log-follow-up');
	assertEqual(await page.locator('#call-form select[name=type]').inputValue(), 'follow_up', 'follow-up call preset');
	await dialogSubmit(page);
	await page.locator('.toast', { hasText: 'Llamada registrada' }).waitFor();
	await page.keyboard.press('Enter');
	await screenshot(page, 'operador-seguimiento');
	noProblems(page);
	await page.context().close();
});

test('citizen checks the case by its number', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/`);
	await page.fill('#citizen-search', state.caseNumber);
	await page.press('#citizen-search', 'Enter');
	await page.waitForURL(/\/consulta\//);
	const card = page.locator('#lookup-case');
	await card.waitFor();
	const text = await card.textContent();
	assert(text.includes('cerrado'), 'status in words');
	assert(text.includes('Su certificado está listo'), 'note for the citizen shown');
	assert(!text.includes('Nota interna'), 'internal note hidden');
	assert(!text.includes(CITIZEN_NAME), 'no personal data');
	await audit(page, 'case check');
	await screenshot(page, 'ciudadano-consulta');
	noProblems(page);
	await page.context().close();
});

test('citizen reads the published service', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/`);
	await page.fill('#citizen-search', 'antecedentes');
	await page.locator('#citizen-results a', { hasText: SERVICE_NAME }).click();
	await page.locator('h1', { hasText: SERVICE_NAME }).waitFor();
	assert(await page.locator('#pub-faq').isVisible(), 'FAQ section shown');
	await audit(page, 'citizen service');
	await screenshot(page, 'ciudadano-servicio');
	noProblems(page);
	await page.context().close();
});

test('citizen request form names what is missing', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/servicios/${state.serviceId}`);
	await page.locator('a.btn', { hasText: 'Solicitar este servicio' }).click();
	await page.locator('#request-form').waitFor();
	assertEqual(await page.locator('#request-form select[name=service_id]').inputValue(), String(state.serviceId), 'service preselected');
	await page.click('#request-form button[type=submit]');
	const alert = page.locator('#request-form .form-alert');
	await alert.waitFor({ state: 'visible' });
	assert((await alert.textContent()).includes('Describa su solicitud'), 'the missing description is named');
	assertEqual(await page.locator('#request-form textarea[name=description]').getAttribute('aria-invalid'), 'true', 'description marked invalid');
	await audit(page, 'request form');
	noProblems(page);
	await page.context().close();
});

test('citizen submits a request and follows it by number', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await page.goto(`${server.base}/servicios/${state.serviceId}`);
	await page.locator('a.btn', { hasText: 'Solicitar este servicio' }).click();
	await page.locator('#request-form').waitFor();
	await page.fill('#request-form textarea[name=description]', 'Necesito el certificado para un empleo en Peñuelas.');
	await page.fill('#request-form input[name=name]', 'Lucía Núñez Rivera');
	await page.fill('#request-form input[name=phone]', '939 555 0142');
	await page.fill('#request-form input[name=municipio]', 'Peñuelas');
	await page.click('#request-form button[type=submit]');
	const done = page.locator('#request-done');
	await done.waitFor();
	const number = (await done.locator('.case-number-big').textContent()).trim();
	assert(/^311-\d{4}-\d{6}$/.test(number), `a case number is shown: ${number}`);
	await screenshot(page, 'ciudadano-solicitud-enviada');
	await done.locator('a').click();
	const card = page.locator('#lookup-case');
	await card.waitFor();
	assert((await card.textContent()).includes('nuevo'), 'the new case is found by its number');
	assert(!(await card.textContent()).includes('Lucía'), 'no personal data in the public view');
	noProblems(page);
	await page.context().close();
});

test('operator console and case in English', async ({ browser, server }) => {
	const page = await newPage(browser, server, { lang: 'en' });
	await login(page, server, 'operator');
	assertEqual(await page.locator('label[for=console-search]').textContent(), 'Search for a service, agency, office or case number', 'English label');
	await page.keyboard.type('criminal record');
	await page.locator('#console-results a', { hasText: 'Criminal Record Certificate' }).click();
	await page.locator('#svc-title', { hasText: 'Criminal Record Certificate' }).waitFor();
	assert((await page.locator('.service-reviewed').textContent()).startsWith('Last reviewed:'), 'English review date');
	await screenshot(page, 'operator-console-en');
	await page.goto(`${server.base}/consulta/${state.caseNumber}`);
	const card = page.locator('#lookup-case');
	await card.waitFor();
	assert((await card.textContent()).includes('closed'), 'English status');
	noProblems(page);
	await page.context().close();
});

test('main screens of every role in English', async ({ browser, server }) => {
	const screens = [
		['liaison', '/agencia', 'Agency cases', 'liaison-queue'],
		['liaison', `/agencia/casos/${state.caseId}`, `Case ${state.caseNumber}`, 'liaison-case'],
		['content', `/contenido/servicios/${state.serviceId}`, 'Edit: Criminal Record Certificate', 'content-editor'],
		['supervisor', '/panel', 'Center statistics', 'supervisor-dashboard'],
		[null, `/consulta/${state.caseNumber}`, 'Check a case', 'citizen-case-check'],
	];
	for (const [who, p, heading, shot] of screens) {
		const page = await newPage(browser, server, { lang: 'en' });
		if (who)
			await login(page, server, who);
		await page.goto(`${server.base}${p}`);
		await page.locator('main h1', { hasText: heading }).waitFor();
		assertEqual(await page.locator('html').getAttribute('lang'), 'en', `${p} html lang`);
		await page.waitForLoadState('networkidle');
		await screenshot(page, shot);
		noProblems(page);
		await page.context().close();
	}
});

test('supervisor dashboard draws the charts', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'supervisor');
	await page.goto(`${server.base}/panel`);
	await page.locator('#chart-calls-day svg').waitFor();
	for (const id of ['chart-calls-day', 'chart-calls-hour', 'chart-cases'])
		assert(await page.locator(`#${id} svg rect, #${id} svg polyline`).count() > 0, `${id} has marks`);
	const calls = await page.locator('#kpis .kpi').first().locator('.kpi-value').textContent();
	assert(Number(calls) >= 3, `calls counted: ${calls}`);
	await audit(page, 'dashboard');
	await screenshot(page, 'supervisor-panel');
	noProblems(page);
	await page.context().close();
});

test('directory, synonyms and calendar open for the content office', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'content');
	await page.goto(`${server.base}/directorio`);
	await page.fill('#dir-q', 'NSE911');
	await page.locator('#agency-table a', { hasText: 'Negociado de Sistemas de Emergencias 9-1-1' }).click();
	await page.locator('#new-office').waitFor();
	await audit(page, 'agency');
	await screenshot(page, 'directorio-agencia');
	await page.goto(`${server.base}/sinonimos`);
	await page.click('#new-synonym');
	await page.fill('dialog[open] textarea[name=phrases]', 'buena conducta\nantecedentes penales');
	await dialogSubmit(page);
	await page.locator('#synonym-table .chip', { hasText: 'buena conducta' }).waitFor();
	await audit(page, 'synonyms');
	await screenshot(page, 'sinonimos');
	await page.goto(`${server.base}/calendario`);
	await page.locator('#calendar-table tbody tr').first().waitFor();
	await audit(page, 'calendar');
	await screenshot(page, 'calendario');
	noProblems(page);
	await page.context().close();
});

test('operator finds the service by the new synonym', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.keyboard.type('buena conducta');
	await page.locator('#console-results a', { hasText: SERVICE_NAME }).waitFor();
	await page.context().close();
});

const CHANGE_QUESTION = '¿Se puede pedir por correo postal?';
const CHANGE_ANSWER = 'Sí, con un giro postal y un sello de rentas internas.';

test('content office changes the service and compares versions', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'content');
	await page.goto(`${server.base}/contenido/servicios/${state.serviceId}`);
	await page.click('[data-add=faq]');
	await page.fill('input[name="template.faq[1].question.es"]', CHANGE_QUESTION);
	await page.fill('textarea[name="template.faq[1].answer.es"]', CHANGE_ANSWER);
	await page.fill('textarea[name="template.cost_payment.es"]', 'Sin costo en línea. En la oficina, $2.00.');
	await page.click('#save-service');
	await page.locator('#workflow .content-draft').waitFor();
	await page.click('#compare-form button[type=submit]');
	await page.waitForURL(/comparar/);
	const changed = page.locator('#compare-table tr.changed');
	await changed.first().waitFor();
	const text = await page.locator('#compare-table').textContent();
	assert(text.includes(CHANGE_QUESTION), 'the new question is in the comparison');
	assert(await page.locator('#compare-table .diff-add').count() > 0, 'added lines marked');
	await audit(page, 'compare');
	await page.check('#only-changes');
	assert(await page.locator('#compare-table tr.same').first().isHidden(), 'unchanged rows hidden');
	await screenshot(page, 'contenido-comparar');
	await page.locator('a.btn', { hasText: 'Volver al editor' }).click();
	await page.click('#wf-in_review');
	await page.locator('#workflow .content-in_review').waitFor();
	noProblems(page);
	await page.context().close();
});

test('liaison approves the change', async ({ browser, server }) => {
	await approve(browser, server);
});

test('content office publishes the change', async ({ browser, server }) => {
	await publish(browser, server);
});

test('operator finds the published change', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.keyboard.type('sello de rentas');
	await page.locator('#console-results a', { hasText: SERVICE_NAME }).click();
	await page.locator('#svc-faq summary', { hasText: CHANGE_QUESTION }).click();
	await page.locator('#svc-faq', { hasText: CHANGE_ANSWER }).waitFor();
	noProblems(page);
	await page.context().close();
});

test('phone width and 200 % zoom keep every screen usable', async ({ browser, server }) => {
	// 375 px is a phone; 640 px is a 1280 px screen at 200 % zoom.
	for (const width of [375, 640]) {
		const page = await newPage(browser, server, { viewport: { width, height: 800 } });
		for (const [who, paths] of [[null, ['/', `/consulta/${state.caseNumber}`, '/ingresar']],
			['operator', ['/operador', `/operador/servicios/${state.serviceId}`]],
			['liaison', ['/agencia', `/agencia/casos/${state.caseId}`]],
			['content', [`/contenido/servicios/${state.serviceId}`]]]) {
			if (who)
				await login(page, server, who);
			for (const p of paths) {
				await page.goto(`${server.base}${p}`);
				await page.locator('main h1').first().waitFor({ state: 'attached' });
				await page.waitForLoadState('networkidle');
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
				assert(overflow <= 1, `${p} at ${width}px scrolls sideways by ${overflow}px`);
			}
			if (width === 375 && who === 'operator')
				await screenshot(page, 'operador-telefono');
			if (who)
				await logout(page);
		}
		noProblems(page);
		await page.context().close();
	}
});

test('keyboard alone reaches the search, results and actions', async ({ browser, server }) => {
	const page = await newPage(browser, server);
	await login(page, server, 'operator');
	await page.goto(`${server.base}/operador/servicios/${state.serviceId}`);
	// Tab from the top of the page until the referral button has the
	// focus, with a visible outline on every stop.
	await page.evaluate(() => document.activeElement.blur());
	let reached = false;
	for (let i = 0; i < 40 && !reached; i++) {
		await page.keyboard.press('Tab');
		const info = await page.evaluate(() => {
			const el = document.activeElement;
			const style = getComputedStyle(el);
			return { id: el.id, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
		});
		assert(info.outline, `focused element ${info.id || '(no id)'} has no visible outline`);
		reached = info.id === 'action-referral';
	}
	assert(reached, 'Tab reaches the referral button');
	await page.keyboard.press('Enter');
	await page.locator('#referral-form').waitFor();
	await page.keyboard.press('Escape');
	await page.locator('dialog[open]').waitFor({ state: 'detached' });
	assertEqual(await page.evaluate(() => document.activeElement.id), 'action-referral', 'focus returns after the dialog');
	await page.context().close();
});

test('content not reviewed for a year is flagged', async ({ browser }) => {
	// A second server whose clock runs thirteen months after the bundled
	// content was imported and reviewed.
	const later = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const old = await startServer(binary, {}, ['--test-clock', later]);
	try {
		setupAccounts(old);
		const page = await newPage(browser, old);
		await page.goto(`${old.base}/servicios/1`);
		const warning = page.locator('.stale-warning');
		await warning.waitFor();
		assert((await warning.textContent()).includes('no se ha revisado recientemente'), 'citizen wording');
		await login(page, old, 'operator');
		await page.goto(`${old.base}/operador/servicios/1`);
		await page.locator('#svc-title').waitFor();
		assert((await page.locator('.stale-warning').textContent()).includes('Confírmela con la agencia'), 'operator wording');
		await audit(page, 'stale service');
		noProblems(page);
		await page.context().close();
	} finally {
		const stopped = await stopServer(old);
		assert(stopped && stopped.code === 0, `second server exit: ${JSON.stringify(stopped)}`);
		fs.rmSync(old.dataDir, { recursive: true, force: true });
	}
});

// ---------------------------------------------------------------------

function setupAccounts(server) {
	for (const [username, role, name, agency] of Object.values(USERS)) {
		const args = ['user', 'add', username, '--role', role, '--name', name, '--password-stdin'];
		if (agency)
			args.push('--agency', agency);
		cli(server, args, `${PASSWORD}\n`);
	}
}

let server = null;
let browser = null;
let mail = null;
let result = { passed: 0, failed: 1 };
const started = Date.now();
try {
	fs.rmSync(SHOTS, { recursive: true, force: true });
	mail = await startMailSink();
	server = await startServer(binary, { LINEA311_SMTP_URL: `smtp://127.0.0.1:${mail.port}`, LINEA311_SMTP_STARTTLS: 'off' });
	setupAccounts(server);
	browser = await launchBrowser();
	result = await runAll({ browser, server, mail });
} catch (e) {
	console.log(`FAIL  setup: ${e.stack || e.message}`);
	result.failed += 1;
} finally {
	if (browser)
		await browser.close().catch(() => null);
	const stopped = await stopServer(server);
	if (mail)
		mail.server.close();
	if (stopped && stopped.code !== 0) {
		console.log(`FAIL  server exit: code ${stopped.code}, signal ${stopped.signal}`);
		console.log(fs.readFileSync(server.log, 'utf8').slice(-3000));
		result.failed += 1;
	}
	if (server && result.failed === 0)
		fs.rmSync(server.dataDir, { recursive: true, force: true });
	else if (server)
		console.log(`data directory kept for inspection: ${server.dataDir}`);
}
console.log(`browser suite took ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
