/* The kit's runner: collect the cases of the "kit_cases" section in source
 * order, list or select them, run each through the suite's backend, sweep
 * what it left, print one line per case and the summary. */
#include <stdio.h>
#include <string.h>
#include "kit.h"

#define MAX_CASES 256

/* The section bounds, provided by the linker. */
extern const struct kit_case __start_kit_cases[], __stop_kit_cases[];

static const struct kit_case *cases[MAX_CASES];
static int nr_cases;

/* before: whether case A comes before case B in source order. */
static int before(const struct kit_case *a, const struct kit_case *b)
{
	int c = strcmp(a->file, b->file);
	return c < 0 || (c == 0 && a->line < b->line);
}

/* collect: fill CASES from the section, in source order. */
static void collect(void)
{
	nr_cases = 0;
	for (const struct kit_case *t = __start_kit_cases;
	    t < __stop_kit_cases && nr_cases < MAX_CASES; t++) {
		int i = nr_cases++;
		while (i > 0 && before(t, cases[i - 1])) {
			cases[i] = cases[i - 1];
			i--;
		}
		cases[i] = t;
	}
}

/* find: the case called NAME, or NULL. */
static const struct kit_case *find(const char *name)
{
	for (int i = 0; i < nr_cases; i++)
		if (strcmp(cases[i]->name, name) == 0)
			return cases[i];
	return NULL;
}

/* report: run case C with SUITE's hooks and backend, print its line.
 * Returns 1 when it passed. */
static int report(const struct kit_suite *suite, const struct kit_case *c)
{
	char why[96] = "";
	int ok;
	fflush(stdout);
	if (suite->before && suite->before(c) != 0) {
		snprintf(why, sizeof(why), "setup");
		ok = 0;
	} else {
		int limit = c->timeout ? c->timeout : suite->timeout;
		ok = suite->backend->run(c, limit, why, sizeof(why));
	}
	int left = suite->backend->sweep ? suite->backend->sweep() : 0;
	if (ok && left) {
		snprintf(why, sizeof(why), "left processes behind: %d", left);
		ok = 0;
	}
	if (suite->after)
		suite->after(c);
	kit_current = "?";
	if (ok)
		printf("test %s: OK\n", c->name);
	else
		printf("test %s: FAILED (%s)\n", c->name, why);
	fflush(stdout);
	return ok;
}

/* kit_main: see kit.h. An unknown NAME counts as a failure (the others
 * still run) and makes the exit status 2. */
int kit_main(const struct kit_suite *suite, int argc, char **argv)
{
	kit_suite = suite;
	collect();
	if (argc > 1 && argv[1][0] == '-') {
		if (strcmp(argv[1], "-l") != 0 || argc > 2) {
			printf("usage: %s [-l] [NAME...]\n", suite->name);
			return 2;
		}
		for (int i = 0; i < nr_cases; i++)
			printf("%s\n", cases[i]->name);
		return 0;
	}
	int total = argc > 1 ? argc - 1 : nr_cases, failed = 0, unknown = 0;
	if (suite->announce)
		printf("%s: running %d tests\n", suite->name, total);
	for (int i = 0; i < total; i++) {
		const struct kit_case *c = argc > 1 ? find(argv[i + 1]) : cases[i];
		if (!c) {
			/* a failure of the run, not of a case: no case line */
			printf("%s: no test named %s\n", suite->name, argv[i + 1]);
			unknown++;
			failed++;
			continue;
		}
		failed += !report(suite, c);
	}
	if (failed == 0)
		printf("ALL TESTS PASSED\n");
	else
		printf("SOME TESTS FAILED (%d of %d)\n", failed, total);
	fflush(stdout);
	return unknown ? 2 : failed ? 1 : 0;
}
