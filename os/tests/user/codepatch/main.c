/* codepatch: a user process tries the kernel call SYS_CODEPATCH on its own
 * text (writing the bytes that are already there, so even a wrongly
 * allowed call changes nothing) and prints what the kernel answered:
 * "codepatch: SYS_CODEPATCH: -ERR". Users are denied (-ECALLDENIED). Exit
 * status 0 when denied, 1 otherwise. */
#include <stdio.h>
#include <syslib.h>

int main(void)
{
	const uint8_t *text = (const uint8_t *) main;
	uint8_t same[4] = { text[0], text[1], text[2], text[3] };
	int r = sys_codepatch(SELF, (vir_bytes) main, same, same, sizeof(same));
	printf("codepatch: SYS_CODEPATCH: %d (%s)\n", r,
	    r == -ECALLDENIED ? "denied" : "NOT denied");
	return r == -ECALLDENIED ? 0 : 1;
}
