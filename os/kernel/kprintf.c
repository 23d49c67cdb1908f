/* Formatted kernel printing onto the console. */
#include "kernel.h"
#include "fmt.h"

static void kput(char c, void *arg)
{
	(void) arg;
	console_putc(c);
}

/* kvprintf: print FMT with AP on the console; returns characters printed. */
int kvprintf(const char *fmt, va_list ap)
{
	return fmt_vformat(kput, NULL, fmt, ap);
}

/* kprintf: print FMT on the console; returns characters printed. */
int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
