#ifndef CONVENE_CLIBICAL_SHIM_H
#define CONVENE_CLIBICAL_SHIM_H

#include <libical/ical.h>

/// `icalerrno` is a macro over a thread-local lvalue; Swift cannot see it.
static inline icalerrorenum convene_icalerrno(void) { return icalerrno; }

/// Resets `icalerrno` so a later check reads only what the next call set.
static inline void convene_clear_icalerrno(void) { icalerrno = ICAL_NO_ERROR; }

#endif
