/* darwin-sys compat for <mach-o/getsect.h>: finding segments and sections of
 * loaded Mach-O images.
 * Written by the darwin-sys project from public facts (the getsectiondata(3) and
 * getsegmentdata(3) man pages, cctools' published sources, libSystem's exports);
 * no SDK text copied. Used only when the SDK lacks the real header (ziglang's
 * SDKs up to 15.5; wrapper.h picks it via __has_include). */

#ifndef DARWIN_SYS_COMPAT_MACH_O_GETSECT_H
#define DARWIN_SYS_COMPAT_MACH_O_GETSECT_H

#pragma clang system_header

#include <stdint.h>
#include <sys/cdefs.h>
#include <mach-o/loader.h>

__BEGIN_DECLS

/* The data of section `sectname` of segment `segname` in the main executable,
 * its size stored in `*size`; NULL if absent. Deprecated: use getsectiondata. */
char *getsectdata(const char *segname, const char *sectname, unsigned long *size);
/* As getsectdata, in the loaded framework named `FrameworkName`. */
char *getsectdatafromFramework(const char *FrameworkName, const char *segname, const char *sectname, unsigned long *size);
/* The first address after the main executable's data (the C symbol `end`). */
unsigned long get_end(void);
/* The first address after the main executable's text (`etext`). */
unsigned long get_etext(void);
/* The first address after the main executable's initialized data (`edata`). */
unsigned long get_edata(void);

#ifdef __LP64__
/* The header of section `sectname` of segment `segname` in the main executable. */
const struct section_64 *getsectbyname(const char *segname, const char *sectname);
/* The address (slid) of section `sectname` of segment `segname` in the image
 * whose header is `mhp`, its size stored in `*size`; NULL if absent. */
uint8_t *getsectiondata(const struct mach_header_64 *mhp, const char *segname, const char *sectname, unsigned long *size);
/* The load command of segment `segname` in the main executable. */
const struct segment_command_64 *getsegbyname(const char *segname);
/* The address (slid) of segment `segname` in the image whose header is `mhp`,
 * its size stored in `*size`; NULL if absent. */
uint8_t *getsegmentdata(const struct mach_header_64 *mhp, const char *segname, unsigned long *size);
#else
/* The header of section `sectname` of segment `segname` in the main executable. */
const struct section *getsectbyname(const char *segname, const char *sectname);
/* The address (slid) of section `sectname` of segment `segname` in the image
 * whose header is `mhp`, its size stored in `*size`; NULL if absent. */
uint8_t *getsectiondata(const struct mach_header *mhp, const char *segname, const char *sectname, unsigned long *size);
/* The load command of segment `segname` in the main executable. */
const struct segment_command *getsegbyname(const char *segname);
/* The address (slid) of segment `segname` in the image whose header is `mhp`,
 * its size stored in `*size`; NULL if absent. */
uint8_t *getsegmentdata(const struct mach_header *mhp, const char *segname, unsigned long *size);
#endif

/* The unslid data of a section of a 32-bit image, its size in `*size`. */
char *getsectdatafromheader(const struct mach_header *mhp, const char *segname, const char *sectname, uint32_t *size);
/* The section header of a section of a 32-bit image. */
const struct section *getsectbynamefromheader(const struct mach_header *mhp, const char *segname, const char *sectname);
/* As getsectbynamefromheader, byte-swapping the header first if `fSwap`. */
const struct section *getsectbynamefromheaderwithswap(struct mach_header *mhp, const char *segname, const char *sectname, int fSwap);
/* The unslid data of a section of a 64-bit image, its size in `*size`. */
char *getsectdatafromheader_64(const struct mach_header_64 *mhp, const char *segname, const char *sectname, uint64_t *size);
/* The section header of a section of a 64-bit image. */
const struct section_64 *getsectbynamefromheader_64(const struct mach_header_64 *mhp, const char *segname, const char *sectname);
/* As getsectbynamefromheader_64, byte-swapping the header first if `fSwap`. */
const struct section *getsectbynamefromheaderwithswap_64(struct mach_header_64 *mhp, const char *segname, const char *sectname, int fSwap);

__END_DECLS

#endif /* DARWIN_SYS_COMPAT_MACH_O_GETSECT_H */
