/*
 * darwin-sys: the one list of SDK headers that are bound.
 *
 * The build script (feature `bindgen`) and the generator (`cargo xtask generate`)
 * both run bindgen over this file, with the rules in `codegen/config/`. Every header
 * named here is covered as a whole: `codegen/config/` allowlists by file, not by name.
 *
 * Where the stand-in SDK lacks a header that Xcode's SDK has, `__has_include`
 * falls back to the project's own declarations under `codegen/compat/` (written from
 * Apple's public xnu sources). A real SDK always wins.
 *
 * Headers only the macOS SDK ships are included `#if TARGET_OS_OSX` (the iOS
 * family's SDKs lack them, or make them an `#error`); codegen/config
 * MACOS_ONLY_FILES gates their items to macOS in the committed bindings.
 */

#include <TargetConditionals.h>

/* Mach: IPC, tasks, threads, exceptions, VM, host, clocks, time */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_time.h>
#include <mach/clock.h>
#include <mach/clock_types.h>
#include <mach/exception_types.h>
#include <mach/thread_status.h>
#include <mach/thread_state.h>
#include <mach/task_policy.h>
#include <mach/thread_policy.h>
#include <mach/vm_map.h>
#include <mach/vm_page_size.h>
#include <mach/vm_statistics.h>
#include <mach/machine.h>
#include <mach/notify.h>
#include <mach/ndr.h>
#if __has_include(<servers/bootstrap.h>)
#include <servers/bootstrap.h>
#else
#include "codegen/compat/servers_bootstrap.h"
#endif
#if TARGET_OS_OSX
#if __has_include(<mach/mach_vm.h>)
#include <mach/mach_vm.h>
#else
#include "codegen/compat/mach_vm.h"
#endif
#endif
#if __has_include(<mach/exc.h>) && __has_include(<mach/mach_exc.h>)
#include <mach/exc.h>
#include <mach/mach_exc.h>
#else
#include "codegen/compat/mach_exc.h"
#endif

/* The Mach-O file format */
#include <mach-o/loader.h>
#include <mach-o/nlist.h>
#include <mach-o/stab.h>
#include <mach-o/fat.h>
#include <mach-o/reloc.h>
#if __has_include(<mach-o/arm/reloc.h>) /* ziglang's SDKs before 27.0 lack it: its items are then absent */
#include <mach-o/arm/reloc.h>
#endif
#include <mach-o/arm64/reloc.h>
#include <mach-o/x86_64/reloc.h>
#include <mach-o/compact_unwind_encoding.h>
#if __has_include(<mach-o/fixup-chains.h>) /* ziglang's SDKs before 27.0 lack it: its items are then absent */
#include <mach-o/fixup-chains.h>
#endif
#include <mach-o/ranlib.h>

/* dyld */
#include <mach-o/dyld.h>
#if __has_include(<mach-o/dyld_images.h>)
#include <mach-o/dyld_images.h>
#else
#include "codegen/compat/mach_o_dyld_images.h"
#endif
#if __has_include(<mach-o/getsect.h>)
#include <mach-o/getsect.h>
#else
#include "codegen/compat/mach_o_getsect.h"
#endif
#include <crt_externs.h>
#include <dlfcn.h>

/* Cache maintenance for JITs, and the nanosecond clocks */
#include <libkern/OSCacheControl.h>
#include <time.h>

/* libdispatch */
#include <dispatch/dispatch.h>

/* os: unfair lock, os_log, os_signpost, waiting on addresses, workgroups, memory limits */
#include <os/lock.h>
#if __has_include(<os/log.h>)
#include <os/log.h>
#else
#include "codegen/compat/os_log.h"
#endif
#if __has_include(<os/signpost.h>)
#include <os/signpost.h>
#else
#include "codegen/compat/os_signpost.h"
#endif
#include <os/clock.h>
#if __has_include(<os/os_sync_wait_on_address.h>)
#include <os/os_sync_wait_on_address.h>
#else
#include "codegen/compat/os_sync_wait_on_address.h"
#endif
#include <os/workgroup.h>
#if __has_include(<os/proc.h>)
#include <os/proc.h>
#else
#include "codegen/compat/os_proc.h"
#endif

/* Allocator introspection: zones, their statistics and enumeration */
#include <malloc/malloc.h>

/* pthread extensions, QoS and thread lifecycle hooks */
#include <pthread.h>
#include <pthread/qos.h>
#if __has_include(<pthread/introspection.h>)
#include <pthread/introspection.h>
#else
#include "codegen/compat/pthread_introspection.h"
#endif
#include <sys/qos.h>

/* Files and copies */
#include <copyfile.h>
#include <sys/clonefile.h>
#if __has_include(<removefile.h>)
#include <removefile.h>
#else
#include "codegen/compat/removefile.h"
#endif
#include <sys/socket.h>
#include <sys/uio.h>
#include <stdio.h>
#include <sys/mman.h>

/* Events */
#include <sys/event.h>

/* Processes */
#include <spawn.h>
#if __has_include(<pthread/spawn.h>)
#include <pthread/spawn.h>
#else
#include "codegen/compat/pthread_spawn.h"
#endif

/* Debugging */
#if TARGET_OS_OSX
#if __has_include(<sys/ptrace.h>)
#include <sys/ptrace.h>
#else
#include "codegen/compat/sys_ptrace.h"
#endif
#endif

/* System information */
#include <sys/sysctl.h>
#if TARGET_OS_OSX
#include <libproc.h>
#include <sys/proc_info.h>
#endif
/* `sockaddr_un` (libc's, re-exported everywhere) reaches macOS through
   sys/proc_info.h; the other OSes declare it here. */
#include <sys/un.h>
#include <sys/proc.h>

/* errno */
#include <errno.h>
#include <sys/errno.h>

/* TCP/IP options: netinet/in.h brings netinet6/in6.h; IPTOS_* are netinet/ip.h's */
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
