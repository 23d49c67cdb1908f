/* rsbench's parts shared by its files: RS requests about one service and
 * the figure's output line. */
#ifndef RSBENCH_H
#define RSBENCH_H

#include <stdint.h>
#include <abi/rs.h>

/* The label every RS request below names (main.c: "hello" unless a mode
 * sets another). */
extern const char *label;

/* rs_request: sendrec request TYPE to RS with ST (which names the
 * service) and ARG. Returns RS's reply code. */
int rs_request(int type, struct rs_start *st, int arg);

/* driver_status: LABEL's status line from RS into *S; 0 or an error. */
int driver_status(struct rs_status *s);

/* print_ms: the line "bench: NAME=MS insns=INSNS EXTRA" (MS: INSNS guest
 * instructions as milliseconds, one instruction a nanosecond). */
void print_ms(const char *name, uint64_t insns, const char *extra);

/* bench_now: the TSC (guest instructions under QEMU -icount shift=0). */
uint64_t bench_now(void);

/* core_recovery: `rsbench core LABEL...` (core.c); the exit status. */
int core_recovery(int n, char **labels);

/* up_cost: `rsbench up N` (up.c); the exit status. */
int up_cost(int n);

#endif
