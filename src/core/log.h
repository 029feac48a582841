/*
 * log.h - the server log.
 *
 * Lines go to stderr as "TIME LEVEL module: message", with the request id
 * when the calling thread is serving one. The level is checked before the
 * arguments are formatted. Never pass a secret or a citizen's personal
 * data (names, phones, emails, addresses) to these functions.
 */
#ifndef LINEA311_LOG_H
#define LINEA311_LOG_H

enum log_level { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR };

extern enum log_level log_threshold;

/* Set the threshold from "debug", "info", "warn" or "error"; returns -1
 * for any other name. */
int log_set_level(const char *name);

/* Set the request id that the calling thread's lines carry; NULL clears. */
void log_set_request_id(const char *id);

void log_write(enum log_level level, const char *module, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_at(level, module, ...)                                           \
	do {                                                                 \
		if ((level) >= log_threshold)                                \
			log_write((level), (module), __VA_ARGS__);           \
	} while (0)

#define log_debug(module, ...) log_at(LOG_DEBUG, module, __VA_ARGS__)
#define log_info(module, ...) log_at(LOG_INFO, module, __VA_ARGS__)
#define log_warn(module, ...) log_at(LOG_WARN, module, __VA_ARGS__)
#define log_error(module, ...) log_at(LOG_ERROR, module, __VA_ARGS__)

#endif
