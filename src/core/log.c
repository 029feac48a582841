/* log.c - the server log (see log.h). */
#include "core/common.h"
#include "core/log.h"

#include <pthread.h>
#include <sys/time.h>

enum log_level log_threshold = LOG_INFO;

static _Thread_local char request_id[40];
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

int log_set_level(const char *name)
{
	static const char *names[] = { "debug", "info", "warn", "error" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(name, names[i])) {
			log_threshold = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

void log_set_request_id(const char *id)
{
	snprintf(request_id, sizeof(request_id), "%s", id ? id : "");
}

void log_write(enum log_level level, const char *module, const char *fmt, ...)
{
	static const char *labels[] = { "debug", "info", "warn", "error" };
	char stamp[32], line[1024];
	struct timeval tv;
	struct tm tm;
	va_list ap;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&log_lock);
	if (request_id[0])
		fprintf(stderr, "%s.%03ldZ %s %s: [%s] %s\n", stamp,
			(long)(tv.tv_usec / 1000), labels[level], module,
			request_id, line);
	else
		fprintf(stderr, "%s.%03ldZ %s %s: %s\n", stamp,
			(long)(tv.tv_usec / 1000), labels[level], module, line);
	pthread_mutex_unlock(&log_lock);
}
