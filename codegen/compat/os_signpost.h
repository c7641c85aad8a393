/* darwin-sys compat for <os/signpost.h>: signpost ids, types and the entry points its macros expand to.
 * Written by the darwin-sys project from public facts (libsystem_trace's exports, Apple's published os_signpost API docs); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_OS_SIGNPOST_H
#define DARWIN_SYS_COMPAT_OS_SIGNPOST_H

/*
 * os_signpost_interval_begin/_end and os_signpost_event_emit are macros in the SDK:
 * when the id is neither OS_SIGNPOST_ID_NULL nor OS_SIGNPOST_ID_INVALID and
 * os_signpost_enabled(log) holds, they encode the format with __builtin_os_log_format
 * and call _os_signpost_emit_with_name_impl with &__dso_handle.
 */

/* os_log_t comes from the real <os/log.h> when the SDK has it, else from our compat copy. */
#if defined(__has_include)
#if __has_include(<os/log.h>)
#include <os/log.h>
#else
#include "os_log.h"
#endif
#else
#include "os_log.h"
#endif

#include <sys/cdefs.h>
#include <stdbool.h>
#include <stdint.h>
#include <os/base.h>   /* OS_ENUM */

__BEGIN_DECLS

/* A signpost id: any 64-bit value except the reserved ones below. */
typedef uint64_t os_signpost_id_t;

/* Reserved ids: "no signpost" (signposts off), "error", and the fixed id for
 * intervals that never overlap. */
#define OS_SIGNPOST_ID_NULL      ((os_signpost_id_t)0)
#define OS_SIGNPOST_ID_INVALID   ((os_signpost_id_t)~0)
#define OS_SIGNPOST_ID_EXCLUSIVE ((os_signpost_id_t)0xEEEEB0B5B2B2EEEE)

/* Category names understood by os_log_create for signpost logs. */
#define OS_LOG_CATEGORY_POINTS_OF_INTEREST    "PointsOfInterest"
#define OS_LOG_CATEGORY_DYNAMIC_TRACING       "DynamicTracing"
#define OS_LOG_CATEGORY_DYNAMIC_STACK_TRACING "DynamicStackTracing"

/* os_signpost_type_t: one byte, the kind of tracepoint. */
OS_ENUM(os_signpost_type, uint8_t,
	OS_SIGNPOST_EVENT          = 0x00,
	OS_SIGNPOST_INTERVAL_BEGIN = 0x01,
	OS_SIGNPOST_INTERVAL_END   = 0x02);

/* Bits of os_signpost_type_t that carry the type. */
#define OS_SIGNPOST_TYPE_MASK 0x03

/* A fresh id, unique within the log's matching scope (macOS 10.14+). */
extern os_signpost_id_t os_signpost_id_generate(os_log_t log);

/* An id derived from a pointer, for intervals tied to one object (macOS 10.14+). */
extern os_signpost_id_t os_signpost_id_make_with_pointer(os_log_t log, const void *ptr);

/* Whether signposts on `log` are currently recorded (macOS 10.14+). */
extern bool os_signpost_enabled(os_log_t log);

/* Emit one signpost: dso is the caller's image header, name a constant string,
 * buf/size the arguments encoded by __builtin_os_log_format for `format` (macOS 10.14+). */
extern void _os_signpost_emit_with_name_impl(void *dso, os_log_t log,
	os_signpost_type_t type, os_signpost_id_t spid, const char *name,
	const char *format, uint8_t *buf, uint32_t size);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_OS_SIGNPOST_H */
