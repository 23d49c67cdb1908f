/* Backoff between restarts: the first failure restarts at once, the k-th
 * consecutive one waits 2^(k-2) periods (1 s without a period), at most
 * RS_BACKOFF_MAX_S; a service that ran RS_STABLE_S without failing starts
 * counting again. `-b` (RS_NO_BACKOFF) restarts at once always. */
#include "rs.h"

/* backoff_delay: count this failure of S (at tick NOW) and return the
 * ticks to wait before the restart. The clean run is measured from S's
 * last successful (re)start (up_since, set when its init is done) and
 * ends with this failure: a restart that fails again before its init is
 * done is not a clean run, however long ago the last one began. */
uint32_t backoff_delay(struct service *s, uint32_t now)
{
	if (s->up_since && now - s->up_since >= RS_STABLE_S * rs_hz)
		s->fails = 0;
	s->up_since = 0;
	s->fails++;
	if (s->fails <= 1 || (s->flags & RS_NO_BACKOFF))
		return 0;
	uint32_t unit = s->period > 0 ? (uint32_t) s->period : rs_hz;
	uint32_t max = RS_BACKOFF_MAX_S * rs_hz;
	uint32_t delay = unit;
	for (int k = 2; k < s->fails && delay < max; k++)
		delay *= 2;
	return delay < max ? delay : max;
}
