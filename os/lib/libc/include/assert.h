/* assert(): abort with a message on stderr when a condition is false;
 * compiled out when NDEBUG is defined before this header. Unlike the other
 * headers, this one may be included again with NDEBUG changed. */
#undef assert

#ifdef NDEBUG
#define assert(e) ((void) 0)
#else
#define assert(e) ((e) ? (void) 0 : \
	__assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H
/* __assert_fail: print "Assertion failed: EXPR (FILE:LINE: FUNC)" on
 * stderr and abort(). */
void __assert_fail(const char *expr, const char *file, int line,
    const char *func) __attribute__((noreturn));
#endif
