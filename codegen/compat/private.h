/* darwin-sys: C prototypes of the private libSystem exports that src/private.rs binds by hand.
 * Written by the darwin-sys project from Apple's public xnu and dyld sources; no SDK or xnu header text copied.
 * Used only by the project's verifier (no SDK header declares these); never passed to bindgen. */

#ifndef DARWIN_SYS_COMPAT_PRIVATE_H
#define DARWIN_SYS_COMPAT_PRIVATE_H

#include <sys/cdefs.h>
#include <stdint.h>
#include <sys/types.h>  /* size_t, ssize_t, off_t */

__BEGIN_DECLS

/* ---- User-space wait/wake on an address: xnu bsd/sys/ulock.h, bsd/kern/sys_ulock.c ---- */

/* Block while *addr still equals `value`; timeout in microseconds, 0 = forever.
 * Returns the number of remaining waiters, or -1 with errno (or -errno under ULF_NO_ERRNO). */
extern int __ulock_wait(uint32_t operation, void *addr, uint64_t value, uint32_t timeout);

/* As __ulock_wait with a 64-bit timeout in nanoseconds and a second value (the xnu
 * sources read ignore it; pass 0). */
extern int __ulock_wait2(uint32_t operation, void *addr, uint64_t value, uint64_t timeout,
	uint64_t value2);

/* Wake waiters on addr; wake_value names the thread port for ULF_WAKE_THREAD. */
extern int __ulock_wake(uint32_t operation, void *addr, uint64_t wake_value);

/* Operation codes, bits 0-7 of `operation` (xnu bsd/sys/ulock.h). */
#define UL_COMPARE_AND_WAIT            1
#define UL_UNFAIR_LOCK                 2
#define UL_COMPARE_AND_WAIT_SHARED     3
#define UL_UNFAIR_LOCK64_SHARED        4
#define UL_COMPARE_AND_WAIT64          5
#define UL_COMPARE_AND_WAIT64_SHARED   6
/* Older spellings of the first two codes. */
#define UL_OSSPINLOCK                  UL_COMPARE_AND_WAIT
#define UL_HANDOFFLOCK                 UL_UNFAIR_LOCK
/* Codes that only DEVELOPMENT/DEBUG kernels act on. */
#define UL_DEBUG_SIMULATE_COPYIN_FAULT 253
#define UL_DEBUG_HASH_DUMP_ALL         254
#define UL_DEBUG_HASH_DUMP_PID         255

/* Wake flags, bits 8-15. */
#define ULF_WAKE_ALL                   0x00000100
#define ULF_WAKE_THREAD                0x00000200
#define ULF_WAKE_ALLOW_NON_OWNER       0x00000400

/* Wait flags, bits 16-23. */
#define ULF_WAIT_WORKQ_DATA_CONTENTION 0x00010000
#define ULF_WAIT_CANCEL_POINT          0x00020000
#define ULF_WAIT_ADAPTIVE_SPIN         0x00040000

/* Generic flags, bits 24-31. */
#define ULF_NO_ERRNO                   0x01000000

/* Masks. */
#define UL_OPCODE_MASK                 0x000000FF
#define UL_FLAGS_MASK                  0xFFFFFF00
#define ULF_GENERIC_MASK               0xFFFF0000
#define ULF_WAIT_MASK  (ULF_NO_ERRNO | ULF_WAIT_WORKQ_DATA_CONTENTION | \
                        ULF_WAIT_CANCEL_POINT | ULF_WAIT_ADAPTIVE_SPIN)
#define ULF_WAKE_MASK  (ULF_NO_ERRNO | ULF_WAKE_ALL | ULF_WAKE_THREAD | \
                        ULF_WAKE_ALLOW_NON_OWNER)

/* ---- Directory reading: xnu bsd/kern/syscalls.master, syscall 344 (getdirentries64) ---- */

/* Fill buf with struct dirent records read from the directory fd; *position receives
 * the seek offset of the block. Returns bytes read, 0 at the end, -1 with errno. */
extern ssize_t __getdirentries64(int fd, void *buf, size_t bufsize, off_t *position);

/* ---- dyld: dyld include/mach-o/dyld_priv.h ---- */

/* Install path of the loaded image whose segments contain addr, or NULL. */
extern const char *dyld_image_path_containing_address(const void *addr);

/* ---- posix_spawnattr_setflags flags: xnu bsd/sys/spawn.h, under #ifdef PRIVATE ---- */

/* Launch the child without address-space layout randomization. */
#define _POSIX_SPAWN_DISABLE_ASLR      0x0100

/*
 * _POSIX_SPAWN_RESLIDE (0x0800) is deliberately not here: xnu's bsd/sys/spawn.h defines
 * it outside the PRIVATE block, so the SDK's public <sys/spawn.h> already declares it and
 * the generated bindings carry it.
 */

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_PRIVATE_H */
