/* darwin-sys compat for <sys/ptrace.h>: the ptrace(2) entry point and its PT_* request codes.
 * Written by the darwin-sys project from Apple's public xnu sources (bsd/sys/ptrace.h); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_SYS_PTRACE_H
#define DARWIN_SYS_COMPAT_SYS_PTRACE_H

#include <sys/cdefs.h>
#include <sys/types.h> /* pid_t, caddr_t */

/* Request codes, values as in xnu bsd/sys/ptrace.h. */
#define PT_TRACE_ME     0  /* the calling child asks to be traced by its parent */
#define PT_READ_I       1  /* read a word of the tracee's text */
#define PT_READ_D       2  /* read a word of the tracee's data */
#define PT_READ_U       3  /* read a word of the tracee's user area */
#define PT_WRITE_I      4  /* write a word of the tracee's text */
#define PT_WRITE_D      5  /* write a word of the tracee's data */
#define PT_WRITE_U      6  /* write a word of the tracee's user area */
#define PT_CONTINUE     7  /* resume the tracee */
#define PT_KILL         8  /* terminate the tracee */
#define PT_STEP         9  /* single-step the tracee */
#define PT_ATTACH       10 /* attach to a running process; deprecated, PT_ATTACHEXC replaces it */
#define PT_DETACH       11 /* stop tracing */
#define PT_SIGEXC       12 /* deliver the caller's signals as Mach exceptions */
#define PT_THUPDATE     13 /* pass a signal to one thread of the tracee */
#define PT_ATTACHEXC    14 /* attach, with signals delivered as Mach exceptions */
#define PT_FORCEQUOTA   30 /* enforce disk quota even for root */
#define PT_DENY_ATTACH  31 /* forbid any debugger from attaching to the caller */
#define PT_FIRSTMACH    32 /* first code reserved for machine-dependent requests */

__BEGIN_DECLS

/* ptrace(2): user-space prototype from xnu bsd/sys/ptrace.h (the !KERNEL branch). */
int ptrace(int _request, pid_t _pid, caddr_t _addr, int _data);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_SYS_PTRACE_H */
