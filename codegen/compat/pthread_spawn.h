/* darwin-sys compat for <pthread/spawn.h>: the QoS-class accessors for posix_spawn attributes.
 * Written by the darwin-sys project from Apple's public libpthread sources (include/pthread/spawn.h, src/qos.c); no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_PTHREAD_SPAWN_H
#define DARWIN_SYS_COMPAT_PTHREAD_SPAWN_H

#include <sys/cdefs.h>
#include <spawn.h>     /* posix_spawnattr_t */
#include <sys/qos.h>   /* qos_class_t */

__BEGIN_DECLS

/* Ask for the spawned process to run clamped to a QoS class; documented values are
 * QOS_CLASS_UTILITY and QOS_CLASS_BACKGROUND (libpthread also takes its private
 * maintenance class); anything else gives EINVAL.
 * Returns 0 or an errno value (macOS 10.10+). */
extern int posix_spawnattr_set_qos_class_np(posix_spawnattr_t *__restrict __attr,
	qos_class_t __qos_class);

/* Read back the class set above (QOS_CLASS_UNSPECIFIED when none).
 * Returns 0 or an errno value (macOS 10.10+). */
extern int posix_spawnattr_get_qos_class_np(const posix_spawnattr_t *__restrict __attr,
	qos_class_t *__restrict __qos_class);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_PTHREAD_SPAWN_H */
