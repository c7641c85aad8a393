//! The targets: Apple OSes, the Rust targets and their clang triples, the
//! ABIs the committed bindings are generated for, and where the headers
//! come from (a real SDK or the stand-in) with the clang arguments for them.

use std::path::{Path, PathBuf};

/// An Apple operating system, as the SDK's availability markup names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(clippy::enum_variant_names)] // Apple's names: macOS, tvOS, watchOS, visionOS
pub enum Os {
    MacOs,
    Ios,
    /// Mac Catalyst: iOS apps on macOS (`*-apple-ios-macabi`).
    MacCatalyst,
    TvOs,
    WatchOs,
    VisionOs,
}

impl Os {
    pub const ALL: [Os; 6] = [Os::MacOs, Os::Ios, Os::MacCatalyst, Os::TvOs, Os::WatchOs, Os::VisionOs];

    pub fn name(self) -> &'static str {
        match self {
            Os::MacOs => "macOS",
            Os::Ios => "iOS",
            Os::MacCatalyst => "Mac Catalyst",
            Os::TvOs => "tvOS",
            Os::WatchOs => "watchOS",
            Os::VisionOs => "visionOS",
        }
    }

    /// The Rust `cfg` predicate that holds on this OS (simulators included).
    /// Mac Catalyst is `target_os = "ios"` with `target_abi = "macabi"`.
    pub fn cfg(self) -> &'static str {
        match self {
            Os::MacOs => "target_os = \"macos\"",
            Os::Ios => "all(target_os = \"ios\", not(target_abi = \"macabi\"))",
            Os::MacCatalyst => "all(target_os = \"ios\", target_abi = \"macabi\")",
            Os::TvOs => "target_os = \"tvos\"",
            Os::WatchOs => "target_os = \"watchos\"",
            Os::VisionOs => "target_os = \"visionos\"",
        }
    }

    /// The platform of this OS in a `.tbd` file's `targets`, where the
    /// SDK's export list has one (the macOS SDK lists `macos` and
    /// `maccatalyst` only).
    pub fn tbd_platform(self) -> Option<&'static str> {
        match self {
            Os::MacOs => Some("macos"),
            Os::MacCatalyst => Some("maccatalyst"),
            _ => None,
        }
    }

    /// The environment variable Rust and Xcode read the deployment target
    /// from.
    pub fn deployment_env(self) -> &'static str {
        match self {
            Os::MacOs => "MACOSX_DEPLOYMENT_TARGET",
            Os::Ios | Os::MacCatalyst => "IPHONEOS_DEPLOYMENT_TARGET",
            Os::TvOs => "TVOS_DEPLOYMENT_TARGET",
            Os::WatchOs => "WATCHOS_DEPLOYMENT_TARGET",
            Os::VisionOs => "XROS_DEPLOYMENT_TARGET",
        }
    }
}

/// A Darwin target.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Rust target triple.
    pub rust: &'static str,
    /// `CARGO_CFG_TARGET_ARCH` value.
    pub arch: &'static str,
    /// The ABI, which names the committed bindings file the target uses
    /// (`aarch64.rs`): every 64-bit arm target shares `aarch64`, every
    /// x86_64 target `x86_64`; `arm64_32` (ILP32 watchOS) has its own.
    pub abi: &'static str,
    pub os: Os,
    /// A simulator target.
    pub sim: bool,
    /// clang `--target`. The deployment versions are the oldest the Rust
    /// targets support, so no declaration is hidden by availability.
    pub clang: &'static str,
    /// zig `-target` for compiling and linking probes (macOS), or the
    /// clang triple for `zig clang -target` (every target).
    pub zig: &'static str,
    /// Architectures of this target in a `.tbd` file (arm64 symbols are often
    /// listed under arm64e only).
    pub tbd_archs: &'static [&'static str],
    /// rustup ships a prebuilt standard library for it (Rust tier 2 with
    /// host tools or not); otherwise it is checked with `-Zbuild-std`.
    pub rustup_std: bool,
}

impl Target {
    /// The Xcode SDK (`xcrun --sdk NAME`) whose headers fit this target.
    /// Mac Catalyst builds against the macOS SDK.
    pub fn sdk_name(&self) -> &'static str {
        match (self.os, self.sim) {
            (Os::MacOs | Os::MacCatalyst, _) => "macosx",
            (Os::Ios, false) => "iphoneos",
            (Os::Ios, true) => "iphonesimulator",
            (Os::TvOs, false) => "appletvos",
            (Os::TvOs, true) => "appletvsimulator",
            (Os::WatchOs, false) => "watchos",
            (Os::WatchOs, true) => "watchsimulator",
            (Os::VisionOs, false) => "xros",
            (Os::VisionOs, true) => "xrsimulator",
        }
    }
}

/// An additional target: `zig` is the clang triple, no `.tbd` architectures and
/// no rustup std unless said. Written as `Target { rust, .., ..extra(Os) }`.
const fn extra(os: Os) -> Target {
    Target { rust: "", arch: "", abi: "", os, sim: false, clang: "", zig: "", tbd_archs: &[], rustup_std: false }
}

/// `Target` with `zig` the same as `clang` (the triples zig takes as-is).
const fn same_zig(t: Target) -> Target {
    Target { zig: t.clang, ..t }
}

const ARM64: &[&str] = &["arm64", "arm64e"];
const X86_64: &[&str] = &["x86_64"];

/// The macOS targets: the reference of the `aarch64` and `x86_64` ABI
/// files, and fully verified here (layouts, constants, symbols, runtime
/// tests linked).
pub const TARGETS: &[Target] = &[
    Target {
        rust: "aarch64-apple-darwin",
        arch: "aarch64",
        abi: "aarch64",
        os: Os::MacOs,
        sim: false,
        clang: "arm64-apple-macos11",
        zig: "aarch64-macos.11.0",
        tbd_archs: ARM64,
        rustup_std: true,
    },
    Target {
        rust: "x86_64-apple-darwin",
        arch: "x86_64",
        abi: "x86_64",
        os: Os::MacOs,
        sim: false,
        clang: "x86_64-apple-macos10.12",
        zig: "x86_64-macos.10.12",
        tbd_archs: X86_64,
        rustup_std: true,
    },
];

/// watchOS on arm64_32 (ILP32): the reference of the `arm64_32` ABI file.
pub const ARM64_32_WATCHOS: Target =
    same_zig(Target { rust: "arm64_32-apple-watchos", arch: "aarch64", abi: "arm64_32", clang: "arm64_32-apple-watchos5.0", ..extra(Os::WatchOs) });

/// One target per committed bindings file (ABI), which the generator
/// generates it for.
pub const ABIS: &[&Target] = &[&TARGETS[0], &TARGETS[1], &ARM64_32_WATCHOS];

/// Every Apple target darwin-sys builds for.
pub const APPLE_TARGETS: &[Target] = &[
    TARGETS[0],
    TARGETS[1],
    same_zig(Target { rust: "x86_64h-apple-darwin", arch: "x86_64", abi: "x86_64", clang: "x86_64h-apple-macos10.12", tbd_archs: X86_64, ..extra(Os::MacOs) }),
    same_zig(Target { rust: "arm64e-apple-darwin", arch: "aarch64", abi: "aarch64", clang: "arm64e-apple-macos11", tbd_archs: ARM64, ..extra(Os::MacOs) }),
    same_zig(Target { rust: "aarch64-apple-ios", arch: "aarch64", abi: "aarch64", clang: "arm64-apple-ios10.0", rustup_std: true, ..extra(Os::Ios) }),
    same_zig(Target {
        rust: "aarch64-apple-ios-sim",
        arch: "aarch64",
        abi: "aarch64",
        sim: true,
        clang: "arm64-apple-ios14.0-simulator",
        rustup_std: true,
        ..extra(Os::Ios)
    }),
    same_zig(Target {
        rust: "x86_64-apple-ios",
        arch: "x86_64",
        abi: "x86_64",
        sim: true,
        clang: "x86_64-apple-ios10.0-simulator",
        rustup_std: true,
        ..extra(Os::Ios)
    }),
    same_zig(Target { rust: "arm64e-apple-ios", arch: "aarch64", abi: "aarch64", clang: "arm64e-apple-ios14.0", ..extra(Os::Ios) }),
    same_zig(Target {
        rust: "aarch64-apple-ios-macabi",
        arch: "aarch64",
        abi: "aarch64",
        clang: "arm64-apple-ios14.0-macabi",
        tbd_archs: ARM64,
        rustup_std: true,
        ..extra(Os::MacCatalyst)
    }),
    same_zig(Target {
        rust: "x86_64-apple-ios-macabi",
        arch: "x86_64",
        abi: "x86_64",
        clang: "x86_64-apple-ios13.1-macabi",
        tbd_archs: X86_64,
        rustup_std: true,
        ..extra(Os::MacCatalyst)
    }),
    same_zig(Target { rust: "aarch64-apple-tvos", arch: "aarch64", abi: "aarch64", clang: "arm64-apple-tvos10.0", rustup_std: true, ..extra(Os::TvOs) }),
    same_zig(Target {
        rust: "aarch64-apple-tvos-sim",
        arch: "aarch64",
        abi: "aarch64",
        sim: true,
        clang: "arm64-apple-tvos14.0-simulator",
        rustup_std: true,
        ..extra(Os::TvOs)
    }),
    same_zig(Target { rust: "x86_64-apple-tvos", arch: "x86_64", abi: "x86_64", sim: true, clang: "x86_64-apple-tvos10.0-simulator", ..extra(Os::TvOs) }),
    same_zig(Target { rust: "arm64e-apple-tvos", arch: "aarch64", abi: "aarch64", clang: "arm64e-apple-tvos10.0", ..extra(Os::TvOs) }),
    same_zig(Target {
        rust: "aarch64-apple-watchos",
        arch: "aarch64",
        abi: "aarch64",
        clang: "arm64-apple-watchos26.0",
        rustup_std: true,
        ..extra(Os::WatchOs)
    }),
    same_zig(Target {
        rust: "aarch64-apple-watchos-sim",
        arch: "aarch64",
        abi: "aarch64",
        sim: true,
        clang: "arm64-apple-watchos7.0-simulator",
        rustup_std: true,
        ..extra(Os::WatchOs)
    }),
    same_zig(Target {
        rust: "x86_64-apple-watchos-sim",
        arch: "x86_64",
        abi: "x86_64",
        sim: true,
        clang: "x86_64-apple-watchos5.0-simulator",
        ..extra(Os::WatchOs)
    }),
    ARM64_32_WATCHOS,
    same_zig(Target { rust: "aarch64-apple-visionos", arch: "aarch64", abi: "aarch64", clang: "arm64-apple-xros1.0", rustup_std: true, ..extra(Os::VisionOs) }),
    same_zig(Target {
        rust: "aarch64-apple-visionos-sim",
        arch: "aarch64",
        abi: "aarch64",
        sim: true,
        clang: "arm64-apple-xros1.0-simulator",
        rustup_std: true,
        ..extra(Os::VisionOs)
    }),
];

pub fn target_by_arch(arch: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.arch == arch)
}

pub fn target_by_rust(rust: &str) -> Option<&'static Target> {
    APPLE_TARGETS.iter().find(|t| t.rust == rust)
}

/// Where the C headers come from.
pub enum Sdk {
    /// A real SDK directory (Xcode's `MacOSX.sdk`, or one named by
    /// `DARWIN_SYS_SDK`/`SDKROOT`): passed as `-isysroot`.
    Full {
        root: PathBuf,
        /// clang's resource headers (`stddef.h`, ...) when libclang does not
        /// find its own: PyPI's libclang packages keep them in a folder
        /// libclang does not search (`codegen/resource_headers.rs`).
        /// Searched before the SDK's `usr/include`, as clang's own are.
        builtins: Option<PathBuf>,
    },
    /// The stand-in: zig's bundled macOS headers plus clang builtin headers,
    /// all given explicitly with `-nostdinc` so the host's glibc headers can
    /// never join the search path.
    StandIn {
        /// Header folders, searched in this order (the first is the most
        /// specific; [`Sdk::include_dir`] is the last, the common base).
        headers: Vec<PathBuf>,
        /// clang's builtin headers (`stddef.h`, ...), zig's `lib/include`.
        builtins: PathBuf,
        /// The stand-in's `libSystem.tbd` for the SDK its headers are.
        tbd: PathBuf,
    },
}

impl Sdk {
    /// The stand-in SDK inside an unpacked `ziglang` wheel, for `arch`
    /// (`aarch64`, `x86_64`). The wheels lay out their macOS headers in
    /// three ways (see docs/build-script.md):
    /// - 0.16 and later: `lib/libc/include/any-darwin-any`;
    /// - 0.12 to 0.15: `lib/libc/include/any-macos-any`;
    /// - 0.11: several SDKs side by side, `any-macos.N-any` and
    ///   `<arch>-macos.N-none` over `any-macos-any`, with
    ///   `libSystem.N.tbd`: the newest N is taken.
    ///
    /// `Err` names the folder when none of these is there.
    pub fn stand_in(zig_root: &Path, arch: &str) -> Result<Sdk, String> {
        let lib = zig_root.join("ziglang").join("lib");
        let inc = lib.join("libc").join("include");
        let darwin = lib.join("libc").join("darwin");
        let builtins = lib.join("include");
        for base in ["any-darwin-any", "any-macos-any"] {
            let tbd = darwin.join("libSystem.tbd");
            if inc.join(base).join("mach").is_dir() && tbd.is_file() {
                return Ok(Sdk::StandIn { headers: vec![inc.join(base)], builtins, tbd });
            }
        }
        let newest = std::fs::read_dir(&inc)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_prefix("any-macos.")?.strip_suffix("-any")?.parse::<u32>().ok())
            .filter(|v| darwin.join(format!("libSystem.{v}.tbd")).is_file())
            .max();
        if let Some(v) = newest {
            let headers = [format!("{arch}-macos.{v}-none"), format!("any-macos.{v}-any"), "any-macos-any".to_string()]
                .iter()
                .map(|d| inc.join(d))
                .filter(|d| d.is_dir())
                .collect();
            return Ok(Sdk::StandIn { headers, builtins, tbd: darwin.join(format!("libSystem.{v}.tbd")) });
        }
        Err(format!(
            "darwin-sys: `{}` is not a ziglang wheel with macOS headers: it has no \
             lib/libc/include/any-darwin-any (ziglang 0.16 and later), any-macos-any with \
             lib/libc/darwin/libSystem.tbd (0.12 to 0.15), nor any-macos.N-any with \
             libSystem.N.tbd (0.11). Point DARWIN_SYS_STAND_IN at a folder made by \
             `python3 -m pip install --target DIR ziglang==0.17.1` (0.11.0 to 0.17.1 work).",
            zig_root.display()
        ))
    }

    /// The directory that plays the role of `$SDK/usr/include`.
    pub fn include_dir(&self) -> PathBuf {
        match self {
            Sdk::Full { root, .. } => root.join("usr").join("include"),
            Sdk::StandIn { headers, .. } => headers.last().expect("a stand-in has headers").clone(),
        }
    }

    /// The SDK's version (`27.0`, `13`): a real SDK's `SDKSettings.json`;
    /// for a stand-in, the version of its per-version folders (ziglang
    /// 0.11) or its `lib/libc/darwin/SDKSettings.json`. `None` if neither
    /// says.
    pub fn version(&self) -> Option<String> {
        let settings = match self {
            Sdk::Full { root, .. } => root.join("SDKSettings.json"),
            Sdk::StandIn { tbd, .. } => {
                let name = tbd.file_name()?.to_str()?;
                if let Some(v) = name.strip_prefix("libSystem.").and_then(|v| v.strip_suffix(".tbd")) {
                    return Some(v.to_string());
                }
                tbd.with_file_name("SDKSettings.json")
            }
        };
        settings_version(&std::fs::read_to_string(settings).ok()?)
    }

    /// Every header folder, most specific first (one for a real SDK).
    pub fn include_dirs(&self) -> Vec<PathBuf> {
        match self {
            Sdk::Full { .. } => vec![self.include_dir()],
            Sdk::StandIn { headers, .. } => headers.clone(),
        }
    }

    /// `libSystem.tbd`, the SDK's export list.
    pub fn libsystem_tbd(&self) -> PathBuf {
        match self {
            Sdk::Full { root, .. } => super::tbd::libsystem_in_sdk(root).unwrap_or_else(|| root.join("usr/lib/libSystem.tbd")),
            Sdk::StandIn { tbd, .. } => tbd.clone(),
        }
    }

    /// Checks that the SDK looks like one, with a message that says what to do.
    pub fn validate(&self) -> Result<(), String> {
        if self.include_dirs().iter().any(|d| d.join("mach").join("mach.h").is_file()) {
            return Ok(());
        }
        Err(match self {
            Sdk::Full { root: p, .. } => format!(
                "darwin-sys: the SDK at `{}` has no `usr/include/mach/mach.h`. Point DARWIN_SYS_SDK \
                 (or SDKROOT) at a macOS SDK directory such as the output of \
                 `xcrun --sdk macosx --show-sdk-path`, or unset it to use the default.",
                p.display()
            ),
            Sdk::StandIn { headers, .. } => format!(
                "darwin-sys: the stand-in's headers ({}) have no `mach/mach.h`. Point \
                 DARWIN_SYS_STAND_IN at a folder made by `python3 -m pip install --target DIR \
                 ziglang==0.17.1`.",
                headers.iter().map(|h| h.display().to_string()).collect::<Vec<_>>().join(", ")
            ),
        })
    }

    /// clang arguments selecting this SDK for `target`.
    pub fn clang_args(&self, target: &Target, crate_root: &Path) -> Vec<String> {
        let mut args = vec![format!("--target={}", target.clang)];
        match self {
            Sdk::Full { root, builtins } => {
                args.push("-isysroot".into());
                args.push(root.display().to_string());
                if let Some(b) = builtins {
                    args.push("-isystem".into());
                    args.push(b.display().to_string());
                }
            }
            Sdk::StandIn { headers, builtins, .. } => {
                args.push("-nostdinc".into());
                args.push("-isystem".into());
                args.push(builtins.display().to_string());
                for h in headers {
                    args.push("-isystem".into());
                    args.push(h.display().to_string());
                }
            }
        }
        // `codegen/compat/` is reached by relative includes from wrapper.h; the crate
        // root on the quote path lets the probes include it the same way.
        args.push(format!("-iquote{}", crate_root.display()));
        // Apple's HeaderDoc comments (`/*! ... */`, `/* ... */` before a
        // declaration) become the items' docs.
        // SDK headers are system headers, whose comments clang drops unless told.
        args.push("-fparse-all-comments".into());
        args.push("-fretain-comments-from-system-headers".into());
        args
    }
}

/// Records the headers align on macOS and devices but not in the
/// simulators (`#if TARGET_OS_SIMULATOR` leaves out the
/// `__attribute__((aligned(16)))` of `struct dyld_all_image_infos` in
/// `mach-o/dyld_images.h`): their `#[repr(align(N))]` becomes
/// `#[cfg_attr(not(target_abi = "sim"), repr(align(N)))]`, so one file
/// serves both. The sharing proof (`xtask/src/sharing.rs`) requires each to
/// differ in exactly that way for every simulator target, and nothing else.
pub const ALIGNED_EXCEPT_SIM: &[&str] = &["dyld_all_image_infos"];

/// The SDK version an `SDKSettings.json` states: its `Version` key, else
/// its `MinimalDisplayName` (ziglang 0.17.1 writes the first, 0.17.0 only
/// the second; Xcode's SDKs have both).
pub fn settings_version(json: &str) -> Option<String> {
    ["Version", "MinimalDisplayName"].iter().find_map(|key| {
        let re = regex::Regex::new(&format!(r#""{key}"\s*:\s*"([^"]+)""#)).unwrap();
        re.captures(json).map(|c| c[1].to_string())
    })
}

/// The macOS SDKs feature `bindgen` supports (major versions): the ones the
/// suite's `sdks` and `bindgen` steps build against (13, 14.0, 15.5, 26.4,
/// 27.0), and the majors between.
pub const SUPPORTED_MACOS_SDKS: std::ops::RangeInclusive<u32> = 13..=27;

/// `Err` with one paragraph when `version` (of a macOS SDK) is outside
/// [`SUPPORTED_MACOS_SDKS`].
pub fn check_macos_sdk_version(version: &str, at: &str) -> Result<(), String> {
    let major: Option<u32> = version.split('.').next().and_then(|m| m.parse().ok());
    match major {
        Some(m) if SUPPORTED_MACOS_SDKS.contains(&m) => Ok(()),
        _ => Err(format!(
            "darwin-sys (feature `bindgen`): the macOS SDK at {at} is version {version}; feature `bindgen` supports \
             the macOS SDKs {} to {} (the range its test suite builds against). Use an SDK in that range \
             (DARWIN_SYS_SDK, SDKROOT, Xcode, or DARWIN_SYS_STAND_IN with ziglang 0.11.0 to 0.17.1), or build \
             without `bindgen`: the committed bindings need no SDK.",
            SUPPORTED_MACOS_SDKS.start(),
            SUPPORTED_MACOS_SDKS.end()
        )),
    }
}
