/* darwin-sys compat for <mach-o/dyld_images.h>: the list of loaded images dyld
 * keeps for debuggers and crash reporters (found through TASK_DYLD_INFO).
 * Written by the darwin-sys project from public facts (dyld's published sources
 * and the task_info(TASK_DYLD_INFO) documentation); no SDK text copied. Used only
 * when the SDK lacks the real header (ziglang's SDKs up to 26.4; wrapper.h
 * picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_MACH_O_DYLD_IMAGES_H
#define DARWIN_SYS_COMPAT_MACH_O_DYLD_IMAGES_H

#pragma clang system_header

#include <stdbool.h>
#include <stdint.h>
#include <sys/cdefs.h>
#include <uuid/uuid.h>
#include <TargetConditionals.h>
#include <mach/mach.h>
#include <mach-o/loader.h>

__BEGIN_DECLS

/* What a dyld_image_notifier is told. */
enum dyld_image_mode { dyld_image_adding = 0, dyld_image_removing = 1, dyld_image_info_change = 2, dyld_image_dyld_moved = 3 };

/* One loaded image. */
struct dyld_image_info {
	const struct mach_header *imageLoadAddress; /* where the image's header is mapped */
	const char *imageFilePath;                  /* the path dyld loaded it from */
	uintptr_t imageFileModDate;                 /* the file's modification time */
};

/* The UUID of a loaded image outside the shared cache. */
struct dyld_uuid_info {
	const struct mach_header *imageLoadAddress; /* where the image's header is mapped */
	uuid_t imageUUID;                           /* its LC_UUID */
};

/* Bytes of the key identifying a Rosetta (AOT) translation. */
#define DYLD_AOT_IMAGE_KEY_SIZE 32

/* One x86_64 image translated ahead of time by Rosetta. */
struct dyld_aot_image_info {
	const struct mach_header *x86LoadAddress;
	const struct mach_header *aotLoadAddress;
	uint64_t aotImageSize;
	uint8_t aotImageKey[DYLD_AOT_IMAGE_KEY_SIZE]; /* SHA-256 of the translation */
};

/* Where Rosetta's translated shared cache is mapped. */
struct dyld_aot_shared_cache_info {
	const uintptr_t cacheBaseAddress;
	uuid_t cacheUUID;
};

/* The function dyld calls (a debugger breakpoints it) when images change. */
typedef void (*dyld_image_notifier)(enum dyld_image_mode mode, uint32_t infoCount, const struct dyld_image_info info[]);

/* dyld_all_image_infos.errorKind: why a launch failed. */
enum {
	dyld_error_kind_none = 0,
	dyld_error_kind_dylib_missing = 1,
	dyld_error_kind_dylib_wrong_arch = 2,
	dyld_error_kind_dylib_version = 3,
	dyld_error_kind_symbol_missing = 4
};

/* Ports dyld notifies of image changes, at most. */
#define DYLD_MAX_PROCESS_INFO_NOTIFY_COUNT 8

/* dyld's record of a process's images, at the address TASK_DYLD_INFO gives;
 * `version` says how many fields are valid. 16-byte aligned except in the
 * simulators. */
#if TARGET_OS_SIMULATOR
struct dyld_all_image_infos
#else
struct __attribute__((aligned(16))) dyld_all_image_infos
#endif
{
	uint32_t version;
	uint32_t infoArrayCount;
	const struct dyld_image_info *infoArray;
	dyld_image_notifier notification;
	bool processDetachedFromSharedRegion;
	bool libSystemInitialized;
	const struct mach_header *dyldImageLoadAddress;
	void *jitInfo;
	const char *dyldVersion;
	const char *errorMessage;
	uintptr_t terminationFlags;
	void *coreSymbolicationShmPage;
	uintptr_t systemOrderFlag;
	uintptr_t uuidArrayCount;
	const struct dyld_uuid_info *uuidArray;
	struct dyld_all_image_infos *dyldAllImageInfosAddress;
	uintptr_t initialImageCount;
	uintptr_t errorKind;
	const char *errorClientOfDylibPath;
	const char *errorTargetDylibPath;
	const char *errorSymbol;
	uintptr_t sharedCacheSlide;
	uint8_t sharedCacheUUID[16];
	uintptr_t sharedCacheBaseAddress;
	uint64_t infoArrayChangeTimestamp;
	const char *dyldPath;
	mach_port_t notifyPorts[DYLD_MAX_PROCESS_INFO_NOTIFY_COUNT];
	uintptr_t reserved[11 - (DYLD_MAX_PROCESS_INFO_NOTIFY_COUNT / 2)];
	uint64_t sharedCacheFSID;
	uint64_t sharedCacheFSObjID;
	uintptr_t compact_dyld_image_info_addr;
	size_t compact_dyld_image_info_size;
	uint32_t platform;
	uint32_t aotInfoCount;
	const struct dyld_aot_image_info *aotInfoArray;
	uint64_t aotInfoArrayChangeTimestamp;
	uintptr_t aotSharedCacheBaseAddress;
	uint8_t aotSharedCacheUUID[16];
};

/* The address ranges of the shared cache. */
struct dyld_shared_cache_ranges {
	uintptr_t sharedRegionsCount;
	struct {
		uintptr_t start;
		uintptr_t length;
	} ranges[4];
};

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_MACH_O_DYLD_IMAGES_H */
