/* log_info, log_warn, log_error (log.h, os/include/driver): a line
 * "LABEL: message\n" on the console in one write. */
#include <stdarg.h>
#include <stdio.h>
#include "log.h"
#include "sef.h"

/* log_line: format "LABEL: " then FMT with AP into one buffer, add the
 * newline when missing (a message cut at LOG_LINE_MAX ends in one too),
 * and print it with a single write. */
static void log_line(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	const char *label = sef_label()[0] ? sef_label() : "service";
	int n = snprintf(line, sizeof(line), "%s: ", label);
	if (n < 0 || (size_t) n >= sizeof(line) - 1)
		n = (int) sizeof(line) - 2;
	int m = vsnprintf(line + n, sizeof(line) - (size_t) n, fmt, ap);
	if (m > 0)
		n += m;
	if (n > (int) sizeof(line) - 2)
		n = (int) sizeof(line) - 2;
	if (n == 0 || line[n - 1] != '\n')
		line[n++] = '\n';
	line[n] = '\0';
	fputs(line, stdout);
	fflush(stdout);
}

/* log_info: see log.h. */
void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}

/* log_warn: see log.h. */
void log_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}

/* log_error: see log.h. */
void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_line(fmt, ap);
	va_end(ap);
}
