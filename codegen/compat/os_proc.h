/* darwin-sys compat for <os/proc.h>: the memory an app may still use before the
 * system's memory limit for it.
 * Written by the darwin-sys project from public facts (libsystem_kernel's exports in
 * libSystem.tbd, Apple's published os_proc_available_memory documentation); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_OS_PROC_H
#define DARWIN_SYS_COMPAT_OS_PROC_H

/* Read as the SDK's own headers are (libclang 18 warns at `visionos`). */
#pragma clang system_header

#include <sys/cdefs.h>
#include <stddef.h>
#include <os/availability.h>

__BEGIN_DECLS

/* The SDKs before visionOS (13) have no `visionos` availability platform. */
#ifdef __API_AVAILABLE_PLATFORM_visionos
#define DARWIN_SYS_OS_PROC_AVAILABLE API_AVAILABLE(ios(13.0), tvos(13.0), watchos(6.0), visionos(1.0))
#else
#define DARWIN_SYS_OS_PROC_AVAILABLE API_AVAILABLE(ios(13.0), tvos(13.0), watchos(6.0))
#endif

/* Bytes the calling process can still allocate before it reaches its memory
 * limit; 0 when it has no limit (or is over it). Not on macOS. */
API_UNAVAILABLE(macos)
DARWIN_SYS_OS_PROC_AVAILABLE
size_t os_proc_available_memory(void);

#undef DARWIN_SYS_OS_PROC_AVAILABLE

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_OS_PROC_H */
