/* darwin-sys compat for <removefile.h>: removing a file or a directory tree, with progress
 * and error callbacks.
 * Written by the darwin-sys project from public facts (libremovefile's exports in
 * libSystem.tbd, Apple's published removefile(3) manual and its open-source removefile
 * project); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_REMOVEFILE_H
#define DARWIN_SYS_COMPAT_REMOVEFILE_H

#include <sys/cdefs.h>
#include <stdint.h>

__BEGIN_DECLS

/* What removefile() does: flags, ORed. */
typedef uint32_t removefile_flags_t;

enum {
    REMOVEFILE_RECURSIVE = 1u << 0,         /* a directory: its contents too, depth first */
    REMOVEFILE_KEEP_PARENT = 1u << 1,       /* with RECURSIVE: keep the directory itself */
    REMOVEFILE_SECURE_7_PASS = 1u << 2,     /* overwrite first: 7 passes (US DoD) */
    REMOVEFILE_SECURE_35_PASS = 1u << 3,    /* 35 passes (Gutmann) */
    REMOVEFILE_SECURE_1_PASS = 1u << 4,     /* 1 pass of random data */
    REMOVEFILE_SECURE_3_PASS = 1u << 5,     /* 2 random passes, then 0xAA */
    REMOVEFILE_SECURE_1_PASS_ZERO = 1u << 6,/* 1 pass of zeros */
    REMOVEFILE_CROSS_MOUNT = 1u << 7,       /* descend into other file systems */
    REMOVEFILE_ALLOW_LONG_PATHS = 1u << 8,  /* paths longer than PATH_MAX (changes the cwd) */
    REMOVEFILE_CLEAR_PURGEABLE = 1u << 9,   /* clear purgeable on each directory first */
    REMOVEFILE_SYSTEM_DISCARDED = 1u << 10, /* the system discards the file */
    REMOVEFILE_RECURSIVE_SLIM = 1u << 11,   /* a recursion that uses less memory */
};

/* Callbacks and their contexts, and the error of the last failure. */
typedef struct _removefile_state *removefile_state_t;

removefile_state_t removefile_state_alloc(void);
int removefile_state_free(removefile_state_t state);

/* Keys of removefile_state_get/_set, each with the type of its value. */
int removefile_state_get(removefile_state_t state, uint32_t key, void *dst);
int removefile_state_set(removefile_state_t state, uint32_t key, const void *value);

enum {
    REMOVEFILE_STATE_CONFIRM_CALLBACK = 1, /* removefile_callback_t: before each item */
    REMOVEFILE_STATE_CONFIRM_CONTEXT = 2,  /* void * */
    REMOVEFILE_STATE_ERROR_CALLBACK = 3,   /* removefile_callback_t: at each error */
    REMOVEFILE_STATE_ERROR_CONTEXT = 4,    /* void * */
    REMOVEFILE_STATE_ERRNO = 5,            /* int, read only: the error at hand */
    REMOVEFILE_STATE_STATUS_CALLBACK = 6,  /* removefile_callback_t: after each item */
    REMOVEFILE_STATE_STATUS_CONTEXT = 7,   /* void * */
    REMOVEFILE_STATE_FTSENT = 8,           /* FTSENT *, read only: the item at hand */
};

/* A callback: the state, the item's path and the context; returns one of the
 * three values below. */
typedef int (*removefile_callback_t)(removefile_state_t state, const char *path, void *context);

enum {
    REMOVEFILE_PROCEED = 0,
    REMOVEFILE_SKIP = 1,
    REMOVEFILE_STOP = 2,
};

/* 0, or -1 with errno set. `state` may be NULL. */
int removefile(const char *path, removefile_state_t state, removefile_flags_t flags);
int removefileat(int fd, const char *path, removefile_state_t state, removefile_flags_t flags);

/* From a callback: stop the removal in progress (it fails with ECANCELED). */
int removefile_cancel(removefile_state_t state);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_REMOVEFILE_H */
