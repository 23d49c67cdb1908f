/* The ktest-payload program (os/tests/ktest/payload/) embedded in ktest as
 * data, for the exec cases: its ELF image lies between ktest_payload_start
 * and ktest_payload_end. KTEST_PAYLOAD (the built file's path) comes from
 * os/os.mk. */
	.section .rodata
	.balign 16
	.global ktest_payload_start, ktest_payload_end
ktest_payload_start:
	.incbin KTEST_PAYLOAD
ktest_payload_end:
	.section .note.GNU-stack, "", @progbits
