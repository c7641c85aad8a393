/* darwin-sys compat for <os/os_sync_wait_on_address.h>: waiting on and waking by an address.
 * Written by the darwin-sys project from public facts (libsystem_platform's exports in
 * libSystem.tbd, Apple's published os_sync_wait_on_address documentation); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_OS_SYNC_WAIT_ON_ADDRESS_H
#define DARWIN_SYS_COMPAT_OS_SYNC_WAIT_ON_ADDRESS_H

/* Read as the SDK's own headers are: libclang 18 does not know `visionos` in
 * availability attributes and would warn where the SDK's headers are silent. */
#pragma clang system_header

#include <sys/cdefs.h>
#include <stddef.h>
#include <stdint.h>
#include <os/base.h>         /* OS_OPTIONS */
#include <os/availability.h> /* API_AVAILABLE */
#include <os/clock.h>        /* os_clockid_t, OS_CLOCK_MACH_ABSOLUTE_TIME */

__BEGIN_DECLS

/* Wait flags: SHARED when the address is in memory shared between processes. */
OS_OPTIONS(os_sync_wait_on_address_flags, uint32_t,
    OS_SYNC_WAIT_ON_ADDRESS_NONE = 0x00000000,
    OS_SYNC_WAIT_ON_ADDRESS_SHARED = 0x00000001,
);

/* Wake flags, the same choice for the waker. */
OS_OPTIONS(os_sync_wake_by_address_flags, uint32_t,
    OS_SYNC_WAKE_BY_ADDRESS_NONE = 0x00000000,
    OS_SYNC_WAKE_BY_ADDRESS_SHARED = 0x00000001,
);

/* The SDKs before visionOS (13) have no `visionos` availability platform. */
#ifdef __API_AVAILABLE_PLATFORM_visionos
#define DARWIN_SYS_OS_SYNC_AVAILABLE API_AVAILABLE(macos(14.4), ios(17.4), tvos(17.4), watchos(10.4), visionos(1.1))
#else
#define DARWIN_SYS_OS_SYNC_AVAILABLE API_AVAILABLE(macos(14.4), ios(17.4), tvos(17.4), watchos(10.4))
#endif

/* Each wait blocks while the `size` bytes (4 or 8) at `addr` equal `value`, and returns
 * the number of waiters left (>= 0), or -1 with errno set (EINTR, EFAULT, ETIMEDOUT, ...). */
DARWIN_SYS_OS_SYNC_AVAILABLE
int os_sync_wait_on_address(void *addr, uint64_t value, size_t size,
    os_sync_wait_on_address_flags_t flags);

/* As above, until the absolute `deadline` of clock `clockid`. */
DARWIN_SYS_OS_SYNC_AVAILABLE
int os_sync_wait_on_address_with_deadline(void *addr, uint64_t value, size_t size,
    os_sync_wait_on_address_flags_t flags, os_clockid_t clockid, uint64_t deadline);

/* As above, for at most `timeout_ns` nanoseconds of clock `clockid`. */
DARWIN_SYS_OS_SYNC_AVAILABLE
int os_sync_wait_on_address_with_timeout(void *addr, uint64_t value, size_t size,
    os_sync_wait_on_address_flags_t flags, os_clockid_t clockid, uint64_t timeout_ns);

/* Wakes one waiter on `addr`; 0, or -1 with errno ENOENT when none waits. */
DARWIN_SYS_OS_SYNC_AVAILABLE
int os_sync_wake_by_address_any(void *addr, size_t size,
    os_sync_wake_by_address_flags_t flags);

/* Wakes every waiter on `addr`; 0, or -1 with errno ENOENT when none waits. */
DARWIN_SYS_OS_SYNC_AVAILABLE
int os_sync_wake_by_address_all(void *addr, size_t size,
    os_sync_wake_by_address_flags_t flags);

#undef DARWIN_SYS_OS_SYNC_AVAILABLE

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_OS_SYNC_WAIT_ON_ADDRESS_H */
