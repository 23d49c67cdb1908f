/* Key patterns for subscriptions: '*' matches any run of characters. */
#include "ds_server.h"

/* pattern_match: see ds_server.h. Greedy with one backtrack point (the
 * last '*'), so it runs in O(len(pattern) * len(key)) at worst. */
int pattern_match(const char *pattern, const char *key)
{
	const char *star = NULL, *resume = NULL;
	while (*key) {
		if (*pattern == '*') {
			star = pattern++;
			resume = key;
		} else if (*pattern == *key) {
			pattern++;
			key++;
		} else if (star) {
			pattern = star + 1;
			key = ++resume;
		} else {
			return 0;
		}
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}
