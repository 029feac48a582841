/*
 * common.h - first include of every linea311 source file.
 *
 * It pulls in the C library headers that nearly every file needs and then
 * banned.h, so that a banned function used anywhere fails to compile.
 */
#ifndef LINEA311_COMMON_H
#define LINEA311_COMMON_H

#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Assert an invariant of the program itself, never a property of input. */
#define BUG_ON(cond)                                                         \
	do {                                                                 \
		if (cond)                                                    \
			bug_fail(__FILE__, __LINE__, #cond);                 \
	} while (0)

/* Report a state the program can never reach and abort. */
#define BUG(msg) bug_fail(__FILE__, __LINE__, (msg))

_Noreturn void bug_fail(const char *file, int line, const char *cond);

#endif
