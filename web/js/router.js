// router.js - moving between screens without a reload. main.js registers
// the function that renders the current location.
import * as session from './session.js';

let renderer = null;

export function setRenderer(fn) {
	renderer = fn;
}

// Go to path inside the application.
export function navigate(path, { replaceState = false } = {}) {
	if (replaceState)
		history.replaceState(null, '', path);
	else
		history.pushState(null, '', path);
	if (renderer)
		renderer({ moveFocus: true });
}

// Open the status of a case number typed anywhere: call-center staff see
// the case screen, liaisons their queue filtered to it, everyone else the
// public case check.
export function openCaseNumber(number) {
	if (session.canOpen('cases'))
		navigate(`/casos/${number}`);
	else if (session.canOpen('portal'))
		navigate(`/agencia?numero=${encodeURIComponent(number)}`);
	else
		navigate(`/consulta/${number}`);
}
