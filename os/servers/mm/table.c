/* The memory manager's request table: request number -> handler. */
#include "mm.h"

struct mm_call {
	int type;
	int (*handler)(message *m);
};

static const struct mm_call calls[] = {
	{ MM_BRK, do_brk },
	{ MM_MMAP, do_mmap },
	{ MM_MUNMAP, do_munmap },
	{ MM_INFO, do_info },
	{ MM_PM_FORK, do_pm_fork },
	{ MM_PM_EXEC, do_pm_exec },
	{ MM_PM_EXIT, do_pm_exit },
};

/* mm_dispatch: see mm.h. */
int mm_dispatch(message *m)
{
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (calls[i].type == m->m_type)
			return calls[i].handler(m);
	return -ENOSYS;
}
