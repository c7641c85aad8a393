/* darwin-sys compat for <mach/exc.h> and <mach/mach_exc.h>: client prototypes of the exc MIG subsystem (id 2401).
 * Written by the darwin-sys project from Apple's public xnu sources (osfmk/mach/exc.defs, mach_exc.defs); no SDK text copied.
 * Used only when the SDK lacks the real headers (wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_MACH_EXC_H
#define DARWIN_SYS_COMPAT_MACH_EXC_H

/*
 * exc.defs declares `code : exception_data_t` (array[*:2] of integer_t) and
 * `old_state`/`new_state : thread_state_t`. MIG turns each in array into the array value
 * plus its count, `inout flavor : int` into `int *`, and `out new_state` into the
 * caller's buffer plus a `mach_msg_type_number_t *` count. In exception_raise_state
 * (only there) exc.defs marks `code` and `old_state` with the `const` flag, which MIG
 * prints as a const-qualified parameter.
 *
 * mach_exc.defs (subsystem 2405: mach_exception_raise, mach_exception_raise_state,
 * mach_exception_raise_state_identity, with 64-bit mach_exception_data_t codes) has no
 * client routine exported by libSystem, so none is declared here; its types
 * (mach_exception_data_t, mach_exception_code_t ...) come from <mach/exception_types.h>.
 */

#include <sys/cdefs.h>
#include <mach/kern_return.h>
#include <mach/message.h>          /* mach_msg_type_number_t */
#include <mach/port.h>             /* mach_port_t */
#include <mach/std_types.h>
#include <mach/mach_types.h>
#include <mach/exception_types.h>  /* exception_type_t, exception_data_t */
#include <mach/thread_status.h>    /* thread_state_t */

__BEGIN_DECLS

/* exc.defs routine exception_raise (user side: plain mach_port_t ports). */
extern kern_return_t exception_raise(
	mach_port_t exception_port,
	mach_port_t thread,
	mach_port_t task,
	exception_type_t exception,
	exception_data_t code,
	mach_msg_type_number_t codeCnt);

/* exc.defs routine exception_raise_state: `code, const`, `inout flavor`,
 * `old_state, const`, `out new_state`. */
extern kern_return_t exception_raise_state(
	mach_port_t exception_port,
	exception_type_t exception,
	const exception_data_t code,
	mach_msg_type_number_t codeCnt,
	int *flavor,
	const thread_state_t old_state,
	mach_msg_type_number_t old_stateCnt,
	thread_state_t new_state,
	mach_msg_type_number_t *new_stateCnt);

/* exc.defs routine exception_raise_state_identity: no const flags in the .defs. */
extern kern_return_t exception_raise_state_identity(
	mach_port_t exception_port,
	mach_port_t thread,
	mach_port_t task,
	exception_type_t exception,
	exception_data_t code,
	mach_msg_type_number_t codeCnt,
	int *flavor,
	thread_state_t old_state,
	mach_msg_type_number_t old_stateCnt,
	thread_state_t new_state,
	mach_msg_type_number_t *new_stateCnt);

/*
 * The mach_exc (subsystem 2405, 64-bit codes) request and reply messages an exception
 * server receives and sends, as MIG lays them out from xnu's osfmk/mach/mach_exc.defs
 * (the routines' parameters are listed above; the request of mach_exception_raise
 * matches the one mattgallagher/CwlPreconditionTesting declares by hand): ports travel as port descriptors in a complex
 * request; `code` is `array[*:2] of int64_t` (count then inline array); a
 * thread_state_t travels as count then `natural_t[THREAD_STATE_MAX]`; `inout flavor`
 * appears in request and reply; each reply carries NDR and RetCode. MIG packs its
 * message structs to 4 bytes (`__MigPackStructs`, <mach/mig.h>). Message ids:
 * 2405 (raise), 2406 (raise_state), 2407 (raise_state_identity); replies add 100.
 * The real <mach/mach_exc.h> sizes the state arrays with MIG's value of
 * THREAD_STATE_MAX; here it is the SDK's own THREAD_STATE_MAX.
 */
#include <mach/ndr.h>              /* NDR_record_t */
#include <mach/mig.h>              /* __MigPackStructs */
#include <mach/machine/thread_state.h> /* THREAD_STATE_MAX */
#include <stdint.h>

#ifndef __Request__mach_exc_subsystem__defined
#define __Request__mach_exc_subsystem__defined
#ifdef __MigPackStructs
#pragma pack(push, 4)
#endif
typedef struct {
	mach_msg_header_t Head;
	mach_msg_body_t msgh_body;
	mach_msg_port_descriptor_t thread;
	mach_msg_port_descriptor_t task;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	int64_t code[2];
} __Request__mach_exception_raise_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	int64_t code[2];
	int flavor;
	mach_msg_type_number_t old_stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
} __Request__mach_exception_raise_state_t;

typedef struct {
	mach_msg_header_t Head;
	mach_msg_body_t msgh_body;
	mach_msg_port_descriptor_t thread;
	mach_msg_port_descriptor_t task;
	NDR_record_t NDR;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	int64_t code[2];
	int flavor;
	mach_msg_type_number_t old_stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
} __Request__mach_exception_raise_state_identity_t;
#ifdef __MigPackStructs
#pragma pack(pop)
#endif
#endif /* __Request__mach_exc_subsystem__defined */

#ifndef __RequestUnion__mach_exc_subsystem__defined
#define __RequestUnion__mach_exc_subsystem__defined
union __RequestUnion__mach_exc_subsystem {
	__Request__mach_exception_raise_t Request_mach_exception_raise;
	__Request__mach_exception_raise_state_t Request_mach_exception_raise_state;
	__Request__mach_exception_raise_state_identity_t Request_mach_exception_raise_state_identity;
};
#endif

#ifndef __Reply__mach_exc_subsystem__defined
#define __Reply__mach_exc_subsystem__defined
#ifdef __MigPackStructs
#pragma pack(push, 4)
#endif
typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
} __Reply__mach_exception_raise_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
	int flavor;
	mach_msg_type_number_t new_stateCnt;
	natural_t new_state[THREAD_STATE_MAX];
} __Reply__mach_exception_raise_state_t;

typedef struct {
	mach_msg_header_t Head;
	NDR_record_t NDR;
	kern_return_t RetCode;
	int flavor;
	mach_msg_type_number_t new_stateCnt;
	natural_t new_state[THREAD_STATE_MAX];
} __Reply__mach_exception_raise_state_identity_t;
#ifdef __MigPackStructs
#pragma pack(pop)
#endif
#endif /* __Reply__mach_exc_subsystem__defined */

#ifndef __ReplyUnion__mach_exc_subsystem__defined
#define __ReplyUnion__mach_exc_subsystem__defined
union __ReplyUnion__mach_exc_subsystem {
	__Reply__mach_exception_raise_t Reply_mach_exception_raise;
	__Reply__mach_exception_raise_state_t Reply_mach_exception_raise_state;
	__Reply__mach_exception_raise_state_identity_t Reply_mach_exception_raise_state_identity;
};
#endif

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_MACH_EXC_H */
