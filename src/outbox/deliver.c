/*
 * deliver.c - one delivery attempt over SMTP (libcurl) or through the fax
 * command, and the classification of its outcome.
 *
 * The at-most-once rule rests on one fact of SMTP (RFC 5321, 2.1 and
 * 6.1): the server takes responsibility for a message only with its
 * success reply to the end of the data, the line with a single dot.
 * libcurl sends that line only after the read callback has handed over
 * the message's last bytes, so the callback commits phase "transmitted"
 * before it returns them. An attempt that fails before that commit
 * cannot have been accepted and is retried. One that fails after it
 * without a clear rejection might have been accepted, so it is left
 * uncertain and never resent automatically.
 */
#include "core/common.h"
#include "core/clock.h"
#include "core/log.h"
#include "outbox/fax.h"
#include "outbox/internal.h"
#include "outbox/mime.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define OUTPUT_MAX 400 /* bytes of the fax command's output kept */

/* ---- SMTP ---- */

struct upload {
	struct outbox_attempt *attempt;
	const char *data;
	size_t len;
	size_t pos;
	bool mark_failed;
};

/*
 * Hand the message to libcurl. Phase "transmitted" is committed when the
 * last bytes are handed over: libcurl has the size (INFILESIZE), so it
 * may send the final dot right after them without asking for more.
 */
static size_t read_message(char *buf, size_t size, size_t count, void *userdata)
{
	struct upload *u = userdata;
	size_t room = size * count, left = u->len - u->pos;

	if (left <= room && !u->attempt->transmitted &&
	    !outbox_attempt_mark_transmitted(u->attempt)) {
		u->mark_failed = true;
		return CURL_READFUNC_ABORT;
	}
	if (left > room)
		left = room;
	memcpy(buf, u->data + u->pos, left);
	u->pos += left;
	return left;
}

/* Abort a transfer that has not transmitted yet when the server stops. */
static int check_stop(void *userdata, curl_off_t dltotal, curl_off_t dlnow,
		      curl_off_t ultotal, curl_off_t ulnow)
{
	struct upload *u = userdata;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return !u->attempt->transmitted && outbox_sender_stopping(u->attempt->sender);
}

static bool is_auth_reply(long code)
{
	return code == 530 || code == 534 || code == 535 || code == 538;
}

/* Decide what a finished transfer means for the message. */
static void classify(struct outbox_attempt *a, const struct upload *u,
		     CURLcode res, long code, const char *detail)
{
	if (res == CURLE_OK) {
		outbox_attempt_set(a, OUTBOX_SENT, NULL, NULL);
		return;
	}
	if (a->transmitted) {
		/* After the data, the next reply is the one to the final dot. */
		if (code == 250)
			outbox_attempt_set(a, OUTBOX_SENT, NULL, NULL);
		else if (code >= 400 && code < 500)
			outbox_attempt_set(a, OUTBOX_RETRY, "smtp_deferred",
					   "the server deferred the message: %s", detail);
		else if (code >= 500 && code < 600)
			outbox_attempt_set(a, OUTBOX_FAILED, "smtp_rejected",
					   "the server rejected the message: %s", detail);
		else
			outbox_attempt_set(a, OUTBOX_UNCERTAIN, "no_reply_after_data",
					   "no reply to the end of the data, so the server may"
					   " have accepted the message: %s", detail);
		return;
	}
	if (u->mark_failed)
		outbox_attempt_set(a, OUTBOX_RETRY, "store_error",
				   "the transmission could not be recorded, so the message"
				   " was not finished");
	else if (res == CURLE_ABORTED_BY_CALLBACK)
		outbox_attempt_set(a, OUTBOX_INTERRUPTED, "interrupted_before_transmission",
				   "the server stopped during the attempt");
	else if (res == CURLE_LOGIN_DENIED || is_auth_reply(code))
		outbox_attempt_set(a, OUTBOX_RETRY, "smtp_auth_failed",
				   "SMTP authentication failed: %s", detail);
	else if (res == CURLE_PEER_FAILED_VERIFICATION || res == CURLE_SSL_CONNECT_ERROR ||
		 res == CURLE_SSL_CACERT_BADFILE)
		outbox_attempt_set(a, OUTBOX_RETRY, "tls_failed",
				   "the TLS connection to the SMTP server failed: %s", detail);
	else if (res == CURLE_USE_SSL_FAILED)
		outbox_attempt_set(a, OUTBOX_RETRY, "starttls_unavailable",
				   "the server does not offer STARTTLS, which smtp_starttls"
				   " requires: %s", detail);
	else if (code >= 500 && code < 600)
		outbox_attempt_set(a, OUTBOX_FAILED, "smtp_rejected",
				   "the server rejected the message: %s", detail);
	else if (res == CURLE_COULDNT_CONNECT || res == CURLE_COULDNT_RESOLVE_HOST)
		outbox_attempt_set(a, OUTBOX_RETRY, "connect_failed",
				   "could not connect to the SMTP server: %s", detail);
	else
		outbox_attempt_set(a, OUTBOX_RETRY, "smtp_temporary",
				   "the delivery failed before the message was transmitted: %s",
				   detail);
}

static void build_message(struct outbox_attempt *a, const char *to,
			  const struct outbox_attachment *files, size_t count,
			  struct strbuf *out)
{
	const struct outbox_settings *s = &a->app->outbox->settings;
	json_t *m = a->message;
	const char *kind = json_string_value(json_object_get(m, "kind"));
	time_t created = 0;
	struct mime_message mm = {
		.from_name = s->from_name,
		.from_address = s->from_address,
		.to_address = to,
		.subject = json_string_value(json_object_get(m, "subject")),
		.message_id = json_string_value(json_object_get(m, "message_id")),
		.lang = lang_parse(json_string_value(json_object_get(m, "language"))),
		.auto_submitted = strcmp(kind, "service_info") != 0,
		.text = json_string_value(json_object_get(m, "body_text")),
		.html = json_string_value(json_object_get(m, "body_html")),
		.attachments = files,
		.attachment_count = count,
	};

	clock_parse_utc(json_string_value(json_object_get(m, "created_at")), &created);
	mm.date = created;
	mime_build(out, &mm);
}

void outbox_deliver_smtp(struct outbox_attempt *a, const char *to)
{
	const struct outbox_settings *s = &a->app->outbox->settings;
	struct outbox_attachment *files = NULL;
	struct strbuf message = STRBUF_INIT;
	struct curl_slist *rcpt = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", from[320], rcpt_to[330], detail[400];
	struct upload u = { .attempt = a };
	size_t count = 0;
	struct error err;
	CURLcode res;
	long code = 0;
	CURL *curl;

	if (store_outbox_attachments(a->app->store, a->id, &files, &count, &err)) {
		outbox_attempt_set(a, OUTBOX_RETRY, "store_error",
				   "could not read the attachments: %s", err.message_en);
		return;
	}
	build_message(a, to, files, count, &message);
	store_outbox_attachments_free(files, count);
	u.data = message.buf;
	u.len = message.len;

	curl = curl_easy_init();
	if (!curl) {
		outbox_attempt_set(a, OUTBOX_RETRY, "curl_init", "curl_easy_init failed");
		strbuf_release(&message);
		return;
	}
	snprintf(from, sizeof(from), "<%s>", s->from_address);
	snprintf(rcpt_to, sizeof(rcpt_to), "<%s>", to);
	rcpt = curl_slist_append(rcpt, rcpt_to);
	curl_easy_setopt(curl, CURLOPT_URL, s->smtp_url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)message.len);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_stop);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &u);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, s->smtp_timeout);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, s->smtp_timeout < 15 ? s->smtp_timeout : 15L);
	curl_easy_setopt(curl, CURLOPT_USE_SSL,
			 s->starttls == OUTBOX_STARTTLS_REQUIRED ? (long)CURLUSESSL_ALL :
			 s->starttls == OUTBOX_STARTTLS_OPTIONAL ? (long)CURLUSESSL_TRY :
			 (long)CURLUSESSL_NONE);
	if (s->ca_file)
		curl_easy_setopt(curl, CURLOPT_CAINFO, s->ca_file);
	if (s->smtp_user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, s->smtp_user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, s->smtp_password ? s->smtp_password : "");
	}

	res = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	snprintf(detail, sizeof(detail), "%s%s%s (last SMTP reply %ld)",
		 curl_easy_strerror(res), errbuf[0] ? ": " : "", errbuf, code);
	classify(a, &u, res, code, detail);

	curl_slist_free_all(rcpt);
	curl_easy_cleanup(curl);
	strbuf_release(&message);
}

/* ---- fax command ---- */

/* Write the message's PDF attachment to a new file in dir; its path goes
 * to path. */
static int write_pdf(struct outbox_attempt *a, const char *dir, char path[4096])
{
	struct outbox_attachment *files = NULL;
	size_t count = 0, i;
	struct error err;
	int fd, rc = -1;

	if (store_outbox_attachments(a->app->store, a->id, &files, &count, &err)) {
		outbox_attempt_set(a, OUTBOX_RETRY, "store_error",
				   "could not read the attachments: %s", err.message_en);
		return -1;
	}
	for (i = 0; i < count && strcmp(files[i].content_type, "application/pdf"); i++)
		;
	if (i == count) {
		outbox_attempt_set(a, OUTBOX_FAILED, "no_document", "the fax has no PDF document");
		goto out;
	}
	if (snprintf(path, 4096, "%s/fax-%lld-XXXXXX.pdf", dir, a->id) >= 4096) {
		outbox_attempt_set(a, OUTBOX_FAILED, "io_error", "the data directory path is too long");
		goto out;
	}
	fd = mkstemps(path, 4);
	if (fd < 0 || write(fd, files[i].data, files[i].len) != (ssize_t)files[i].len) {
		outbox_attempt_set(a, OUTBOX_RETRY, "io_error",
				   "could not write the fax document in %s: %s", dir, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		goto out;
	}
	close(fd);
	rc = 0;
out:
	store_outbox_attachments_free(files, count);
	return rc;
}

/* Run argv with its output in output (at most OUTPUT_MAX bytes) and
 * wait at most timeout seconds. Returns the wait status, or -1 when the
 * command could not start; *timed_out when it was killed for time. */
static int run_command(char **argv, long timeout, char output[OUTPUT_MAX + 1],
		       bool *timed_out)
{
	posix_spawn_file_actions_t actions;
	struct timespec start, now;
	size_t used = 0;
	int pipefd[2], status = -1;
	pid_t pid;

	*timed_out = false;
	output[0] = '\0';
	if (pipe(pipefd))
		return -1;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&actions, pipefd[1], 2);
	posix_spawn_file_actions_addclose(&actions, pipefd[0]);
	posix_spawn_file_actions_addclose(&actions, pipefd[1]);
	status = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
	if (status) {
		errno = status;
		posix_spawn_file_actions_destroy(&actions);
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&actions);
	close(pipefd[1]);
	status = -1;
	clock_gettime(CLOCK_MONOTONIC, &start);

	for (;;) {
		struct pollfd p = { .fd = pipefd[0], .events = POLLIN };
		char chunk[256];
		ssize_t n;

		if (poll(&p, 1, 200) > 0) {
			n = read(pipefd[0], chunk, sizeof(chunk));
			if (n > 0 && used < OUTPUT_MAX) {
				size_t keep = (size_t)n < OUTPUT_MAX - used ? (size_t)n : OUTPUT_MAX - used;

				memcpy(output + used, chunk, keep);
				used += keep;
				output[used] = '\0';
			}
			if (n > 0)
				continue;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec > timeout) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			*timed_out = true;
			break;
		}
	}
	close(pipefd[0]);
	for (size_t i = 0; i < used; i++)
		if (output[i] == '\n' || output[i] == '\r')
			output[i] = ' ';
	return status;
}

void outbox_deliver_command(struct outbox_attempt *a)
{
	const struct outbox_settings *s = &a->app->outbox->settings;
	const char *number = json_string_value(json_object_get(a->message, "recipient"));
	char dir[3900], path[4096] = "", output[OUTPUT_MAX + 1];
	char **argv = NULL;
	bool timed_out;
	struct error err;
	int status;

	snprintf(dir, sizeof(dir), "%s/fax", config_get(a->app->cfg, "data"));
	if (mkdir(dir, 0700) && errno != EEXIST) {
		outbox_attempt_set(a, OUTBOX_RETRY, "io_error", "could not create %s: %s",
				   dir, strerror(errno));
		return;
	}
	if (write_pdf(a, dir, path))
		return;
	if (fax_command_argv(s->fax_command, number, path, &argv, &err)) {
		outbox_attempt_set(a, OUTBOX_FAILED, "invalid_fax_command", "%s", err.message_en);
		goto out;
	}
	/* From here on the command may send the fax. */
	if (!outbox_attempt_mark_transmitted(a)) {
		outbox_attempt_set(a, OUTBOX_RETRY, "store_error",
				   "the transmission could not be recorded, so the command was not run");
		goto out;
	}
	status = run_command(argv, s->smtp_timeout, output, &timed_out);
	if (status == -1)
		outbox_attempt_set(a, OUTBOX_RETRY, "fax_command_failed",
				   "could not run %s: %s", argv[0], strerror(errno));
	else if (timed_out)
		outbox_attempt_set(a, OUTBOX_UNCERTAIN, "fax_command_timeout",
				   "the fax command did not finish in %ld s and was killed; it may"
				   " have sent the fax", s->smtp_timeout);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		outbox_attempt_set(a, OUTBOX_SENT, NULL, NULL);
	else if (WIFEXITED(status))
		/* The contract for a fax command (docs/email-fax.md): a
		 * non-zero exit means it did not accept the job. */
		outbox_attempt_set(a, OUTBOX_RETRY, "fax_command_failed",
				   "the fax command exited with status %d: %s",
				   WEXITSTATUS(status), output);
	else
		outbox_attempt_set(a, OUTBOX_UNCERTAIN, "fax_command_killed",
				   "the fax command ended by signal %d; it may have sent the fax",
				   WTERMSIG(status));
out:
	fax_argv_free(argv);
	unlink(path);
}
