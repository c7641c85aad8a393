/* darwin-sys compat for <pthread/introspection.h>: thread lifecycle hooks for garbage
 * collectors, profilers and sanitizers.
 * Written by the darwin-sys project from public facts (libpthread's exports in libSystem.tbd,
 * Apple's published libpthread sources and documentation); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_PTHREAD_INTROSPECTION_H
#define DARWIN_SYS_COMPAT_PTHREAD_INTROSPECTION_H

#pragma clang system_header

#include <sys/cdefs.h>
#include <stddef.h>
#include <pthread.h>
#include <os/availability.h>

__BEGIN_DECLS

/* A hook: called with one of the events below, the thread, and the event's memory
 * range (the stack for CREATE/DESTROY, the TSD area for START/TERMINATE). */
typedef void (*pthread_introspection_hook_t)(unsigned int event,
    pthread_t thread, void *addr, size_t size);

/* The events, in the order a thread meets them. */
enum {
    PTHREAD_INTROSPECTION_THREAD_CREATE = 1,
    PTHREAD_INTROSPECTION_THREAD_START,
    PTHREAD_INTROSPECTION_THREAD_TERMINATE,
    PTHREAD_INTROSPECTION_THREAD_DESTROY,
};

/* Installs `hook` and returns the previous one, which the new hook should call
 * in turn. Not thread-safe: install before starting threads. */
API_AVAILABLE(macos(10.9), ios(7.0))
pthread_introspection_hook_t
pthread_introspection_hook_install(pthread_introspection_hook_t hook);

/* Thread-specific data of another thread, from within a CREATE hook (set) or
 * any hook (get). Set returns 0 or an errno value. */
API_AVAILABLE(macos(11.0), ios(14.0), tvos(14.0), watchos(7.0))
int pthread_introspection_setspecific_np(pthread_t thread,
    pthread_key_t key, const void *value);

API_AVAILABLE(macos(11.0), ios(14.0), tvos(14.0), watchos(7.0))
void *pthread_introspection_getspecific_np(pthread_t thread,
    pthread_key_t key);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_PTHREAD_INTROSPECTION_H */
