// harness.mjs - what the browser tests share: the linea311 server on a
// free loopback port with a fresh data directory, headless Debian
// Chromium driven by playwright-core, and a small sequential test runner
// that prints "N passed, N failed" last.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// A minimal SMTP receiver on 127.0.0.1 that accepts every message and
// keeps it, so the outbox can deliver the emails the tests send.
export async function startMailSink() {
	const sink = { messages: [], port: await freePort() };
	sink.server = net.createServer((socket) => {
		let buffer = '';
		let inData = false;
		let current = null;
		socket.setEncoding('utf8');
		socket.write('220 linea311-test ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk;
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0)
						return;
					current.data = buffer.slice(0, end);
					sink.messages.push(current);
					buffer = buffer.slice(end + 5);
					inData = false;
					socket.write('250 OK queued\r\n');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0)
					return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO')
					socket.write('250-linea311-test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n');
				else if (verb === 'HELO' || verb === 'RSET' || verb === 'NOOP')
					socket.write('250 OK\r\n');
				else if (verb === 'MAIL') {
					current = { from: line, to: [], data: '' };
					socket.write('250 OK\r\n');
				} else if (verb === 'RCPT') {
					if (current)
						current.to.push(line);
					socket.write('250 OK\r\n');
				} else if (verb === 'DATA') {
					inData = true;
					socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
				} else if (verb === 'QUIT') {
					socket.end('221 Bye\r\n');
					return;
				} else {
					socket.write('502 Command not implemented\r\n');
				}
			}
		});
		socket.on('error', () => null);
	});
	await new Promise((resolve) => sink.server.listen(sink.port, '127.0.0.1', resolve));
	return sink;
}

// Run the binary with args on the data directory; throws on failure.
export function cli(server, args, input) {
	const r = spawnSync(server.binary, [...args, '--data', server.dataDir], {
		input, encoding: 'utf8', timeout: 120000, env: server.env,
	});
	if (r.status !== 0)
		throw new Error(`linea311 ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
	return r.stdout;
}

// Initialise a data directory with the bundled content and start the
// server on a free 127.0.0.1 port.
export async function startServer(binary, extraEnv = {}, extraArgs = []) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linea311-browser-'));
	const env = { ...process.env, LINEA311_LOG_LEVEL: 'warn', ...extraEnv };
	const server = { binary: path.resolve(binary), dataDir, env, port: await freePort(), proc: null };
	cli(server, ['init', '--bundled']);
	server.log = path.join(dataDir, 'server.log');
	const out = fs.openSync(server.log, 'w');
	server.proc = spawn(server.binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${server.port}`, ...extraArgs],
		{ env, stdio: ['ignore', out, out] });
	server.base = `http://127.0.0.1:${server.port}`;
	let exited = null;
	server.proc.on('exit', (code) => { exited = code; });
	for (let i = 0; i < 300; i++) {
		if (exited !== null)
			throw new Error(`server exited with ${exited} at start: ${fs.readFileSync(server.log, 'utf8')}`);
		try {
			const res = await fetch(`${server.base}/healthz`);
			if (res.ok)
				return server;
		} catch (e) {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('server did not answer /healthz within 30 s');
}

// Stop the server with SIGTERM and wait for it to exit.
export async function stopServer(server) {
	if (!server || !server.proc || server.proc.exitCode !== null)
		return null;
	const done = new Promise((resolve) => server.proc.on('exit', (code, signal) => resolve({ code, signal })));
	server.proc.kill('SIGTERM');
	const timer = setTimeout(() => server.proc.kill('SIGKILL'), 30000);
	const result = await done;
	clearTimeout(timer);
	return result;
}

// Launch Debian's Chromium. playwright-core gives each launch a fresh
// temporary profile (its own --user-data-dir), removed on close.
export async function launchBrowser() {
	return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A page that records script errors and Content-Security-Policy
// violations, so that a test can assert there were none.
let lastPage = null;

export async function newPage(browser, server, { viewport = { width: 1280, height: 860 }, lang = null } = {}) {
	const context = await browser.newContext({ viewport, locale: 'es-PR', timezoneId: 'America/Puerto_Rico' });
	const page = await context.newPage();
	lastPage = page;
	page.problems = [];
	page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text()))
			page.problems.push(`console error: ${m.text()}`);
		if (/Content Security Policy|Refused to/.test(m.text()))
			page.problems.push(`CSP: ${m.text()}`);
	});
	if (lang) {
		await page.goto(`${server.base}/`);
		await page.evaluate((l) => localStorage.setItem('linea311.lang', l), lang);
	}
	return page;
}

export async function screenshot(page, name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

// ---- a sequential test runner ----

const tests = [];
export function test(name, fn) {
	tests.push({ name, fn });
}

export class AssertionError extends Error {}

export function assert(cond, message) {
	if (!cond)
		throw new AssertionError(message);
}

export function assertEqual(actual, expected, what) {
	if (actual !== expected)
		throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export async function runAll(context) {
	let passed = 0;
	let failed = 0;
	for (const t of tests) {
		const started = Date.now();
		try {
			await t.fn(context);
			passed += 1;
			console.log(`ok    ${t.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		} catch (e) {
			failed += 1;
			console.log(`FAIL  ${t.name}: ${e.stack || e.message}`);
			// Keep what the page showed and reported when the test failed.
			if (lastPage && !lastPage.isClosed()) {
				if (lastPage.problems.length)
					console.log(`      page problems:\n      ${lastPage.problems.join('\n      ')}`);
				await screenshot(lastPage, `FAIL-${t.name.replace(/\W+/g, '-')}`).catch(() => null);
				await lastPage.context().close().catch(() => null);
			}
		}
	}
	return { passed, failed };
}
