#include "syslib.h"
#include "sef_priv.h"
void sef_setcb_state_check(sef_cb_state_check_t cb) { (void) cb; }
