/* darwin-sys compat for <servers/bootstrap.h>: the launchd bootstrap client calls.
 * Written by the darwin-sys project from facts of Apple's public sources; no SDK text copied.
 * Used only when the SDK lacks the real header (wrapper.h picks it via __has_include).
 *
 * Facts and where they come from:
 * - launchd-842 liblaunch/bootstrap.h (Apache-2.0; read in darlinghq/darling
 *   src/launchd/liblaunch/bootstrap.h): the name/command buffer sizes (128, 512), the
 *   typedefs, the BOOTSTRAP_* status codes (1100..1106) and status values (0..2), and
 *   the prototypes below. check_in and look_up take a `const name_t`.
 * - The stand-in SDK's libSystem.tbd exports each function declared here
 *   (_bootstrap_check_in, _bootstrap_look_up, ...); the private look_up2/check_in2 variants of
 *   bootstrap_priv.h are left out. `bootstrap_port` itself is <mach/mach_init.h>'s.
 */

#ifndef DARWIN_SYS_COMPAT_SERVERS_BOOTSTRAP_H
#define DARWIN_SYS_COMPAT_SERVERS_BOOTSTRAP_H

#include <sys/cdefs.h>
#include <sys/types.h>           /* uid_t */
#include <mach/std_types.h>      /* kern_return_t, mach_port_t, boolean_t */
#include <mach/message.h>

__BEGIN_DECLS

#define BOOTSTRAP_MAX_NAME_LEN     128
#define BOOTSTRAP_MAX_CMD_LEN      512
#define BOOTSTRAP_MAX_LOOKUP_COUNT 20

typedef char name_t[BOOTSTRAP_MAX_NAME_LEN];
typedef char cmd_t[BOOTSTRAP_MAX_CMD_LEN];
typedef name_t *name_array_t;
typedef int bootstrap_status_t;
typedef bootstrap_status_t *bootstrap_status_array_t;
typedef unsigned int bootstrap_property_t;
typedef bootstrap_property_t *bootstrap_property_array_t;
typedef boolean_t *bool_array_t;

#define BOOTSTRAP_SUCCESS          0
#define BOOTSTRAP_NOT_PRIVILEGED   1100
#define BOOTSTRAP_NAME_IN_USE      1101
#define BOOTSTRAP_UNKNOWN_SERVICE  1102
#define BOOTSTRAP_SERVICE_ACTIVE   1103
#define BOOTSTRAP_BAD_COUNT        1104
#define BOOTSTRAP_NO_MEMORY        1105
#define BOOTSTRAP_NO_CHILDREN      1106

#define BOOTSTRAP_STATUS_INACTIVE  0
#define BOOTSTRAP_STATUS_ACTIVE    1
#define BOOTSTRAP_STATUS_ON_DEMAND 2

kern_return_t bootstrap_create_server(mach_port_t bp, cmd_t server_cmd, uid_t server_uid,
	boolean_t on_demand, mach_port_t *server_port);
kern_return_t bootstrap_subset(mach_port_t bp, mach_port_t requestor_port, mach_port_t *subset_port);
/* Deprecated in 10.5. */
kern_return_t bootstrap_unprivileged(mach_port_t bp, mach_port_t *unpriv_port);
kern_return_t bootstrap_parent(mach_port_t bp, mach_port_t *parent_port);
/* Deprecated in 10.5: launchd services should check in instead. */
kern_return_t bootstrap_register(mach_port_t bp, name_t service_name, mach_port_t sp);
/* Deprecated in 10.6. */
kern_return_t bootstrap_create_service(mach_port_t bp, name_t service_name, mach_port_t *sp);
kern_return_t bootstrap_check_in(mach_port_t bp, const name_t service_name, mach_port_t *sp);
kern_return_t bootstrap_look_up(mach_port_t bp, const name_t service_name, mach_port_t *sp);
/* Deprecated in 10.5. */
kern_return_t bootstrap_status(mach_port_t bp, name_t service_name, bootstrap_status_t *service_active);
const char *bootstrap_strerror(kern_return_t r);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_SERVERS_BOOTSTRAP_H */
