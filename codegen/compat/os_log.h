/* darwin-sys compat for <os/log.h>: the unified-logging handle, levels and the entry points its macros expand to.
 * Written by the darwin-sys project from public facts (libsystem_trace's exports, their signatures as open-source callers use them); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_OS_LOG_H
#define DARWIN_SYS_COMPAT_OS_LOG_H

/*
 * The SDK's os_log(), os_log_info(), os_log_error() ... are macros: they build a
 * format buffer with __builtin_os_log_format and call _os_log_impl (or the
 * _debug/_error/_fault variants) with &__dso_handle, the caller image's header
 * (a linker-made symbol, not a libSystem export). Only the callable pieces are here.
 *
 * Handle constants, macros in the SDK:
 *   OS_LOG_DEFAULT  - the address of _os_log_default, cast to os_log_t;
 *   OS_LOG_DISABLED - NULL in the SDK headers seen; libsystem_trace also exports the
 *                     object _os_log_disabled, declared below.
 * os_log_info_enabled(log) / os_log_debug_enabled(log) are macros over
 * os_log_type_enabled with OS_LOG_TYPE_INFO / OS_LOG_TYPE_DEBUG.
 */

#include <sys/cdefs.h>
#include <stdbool.h>
#include <stdint.h>
#include <os/base.h>   /* OS_ENUM: fixed-width enum, as the SDK spells os_log_type_t */

__BEGIN_DECLS

/* os_log_t: in plain C a pointer to the opaque struct os_log_s (Objective-C builds of
 * the SDK make it an OS_OBJECT instead; same pointer at the ABI level). */
typedef struct os_log_s *os_log_t;

/* os_log_type_t: one byte; the values libsystem_trace uses for each log level. */
OS_ENUM(os_log_type, uint8_t,
	OS_LOG_TYPE_DEFAULT = 0x00,
	OS_LOG_TYPE_INFO    = 0x01,
	OS_LOG_TYPE_DEBUG   = 0x02,
	OS_LOG_TYPE_ERROR   = 0x10,
	OS_LOG_TYPE_FAULT   = 0x11);

/* The shared default log object (OS_LOG_DEFAULT points at it); exported by libsystem_trace. */
extern struct os_log_s _os_log_default;

/* The shared disabled log object; exported by libsystem_trace. */
extern struct os_log_s _os_log_disabled;

/* The SDK's handle macros: the default log is the address of the shared
 * object; the disabled log is a null handle. */
#define OS_LOG_DEFAULT ((os_log_t)&_os_log_default)
#define OS_LOG_DISABLED ((os_log_t)0)

/* Create a log handle for a reverse-DNS subsystem and a category (macOS 10.12+). */
extern os_log_t os_log_create(const char *subsystem, const char *category);

/* Whether messages of `type` would currently be recorded for `oslog`; a real function,
 * exported as _os_log_type_enabled (macOS 10.12+). */
extern bool os_log_type_enabled(os_log_t oslog, os_log_type_t type);

/* Emit one message: dso is the caller's image header, buf/size the encoded arguments
 * built by __builtin_os_log_format for `format` (macOS 10.12+). */
extern void _os_log_impl(void *dso, os_log_t log, os_log_type_t type,
	const char *format, uint8_t *buf, uint32_t size);

/* Same contract as _os_log_impl; used by os_log_debug(). */
extern void _os_log_debug_impl(void *dso, os_log_t log, os_log_type_t type,
	const char *format, uint8_t *buf, uint32_t size);

/* Same contract as _os_log_impl; used by os_log_error(). */
extern void _os_log_error_impl(void *dso, os_log_t log, os_log_type_t type,
	const char *format, uint8_t *buf, uint32_t size);

/* Same contract as _os_log_impl; used by os_log_fault(). */
extern void _os_log_fault_impl(void *dso, os_log_t log, os_log_type_t type,
	const char *format, uint8_t *buf, uint32_t size);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_OS_LOG_H */
