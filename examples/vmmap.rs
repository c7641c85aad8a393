//! `vmmap`, in small: every region of this process's address space, walked
//! with `mach_vm_region_recurse` (descending into the shared-cache submap),
//! with its protection, share mode, resident pages and the tag its
//! allocator gave it (`VM_MEMORY_*`: malloc zones, stacks, dyld, ...).
//!
//! Run: `cargo run --example vmmap`. Another process's map needs its task
//! port (`task_for_pid`, which needs root or the debugger entitlement).

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("vmmap: this example reads a Mach task's address space; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
fn main() {
    use darwin_sys::*;
    use std::mem::MaybeUninit;

    fn tag_name(tag: u32) -> String {
        let known: &[(i32, &str)] = &[
            (VM_MEMORY_MALLOC as i32, "MALLOC"),
            (VM_MEMORY_MALLOC_SMALL as i32, "MALLOC_SMALL"),
            (VM_MEMORY_MALLOC_LARGE as i32, "MALLOC_LARGE"),
            (VM_MEMORY_MALLOC_TINY as i32, "MALLOC_TINY"),
            (VM_MEMORY_MALLOC_NANO as i32, "MALLOC_NANO"),
            (VM_MEMORY_STACK as i32, "STACK"),
            (VM_MEMORY_GUARD as i32, "GUARD"),
            (VM_MEMORY_DYLD as i32, "DYLD"),
            (VM_MEMORY_DYLIB as i32, "DYLIB"),
            (VM_MEMORY_SHARED_PMAP as i32, "SHARED_PMAP"),
            (VM_MEMORY_OS_ALLOC_ONCE as i32, "OS_ALLOC_ONCE"),
            (VM_MEMORY_LIBDISPATCH as i32, "LIBDISPATCH"),
            (VM_MEMORY_IOKIT as i32, "IOKIT"),
        ];
        match known.iter().find(|(t, _)| *t as u32 == tag) {
            Some((_, n)) => n.to_string(),
            None if tag == 0 => "-".to_string(),
            None => format!("tag {tag}"),
        }
    }

    fn prot(p: vm_prot_t) -> String {
        let f = |bit: vm_prot_t, c| if p & bit != 0 { c } else { '-' };
        [f(VM_PROT_READ, 'r'), f(VM_PROT_WRITE, 'w'), f(VM_PROT_EXECUTE, 'x')].iter().collect()
    }

    let task = mach_task_self();
    let page = unsafe { vm_page_size } as u64;
    let mut addr: mach_vm_address_t = 0;
    let mut depth: natural_t = 0;
    let (mut regions, mut resident) = (0u64, 0u64);
    println!("{:>18} {:>18} {:>9} {:>5} {:>8} {:>6}  tag", "start", "end", "size KiB", "prot", "resident", "depth");
    loop {
        let mut size: mach_vm_size_t = 0;
        let mut info = MaybeUninit::<vm_region_submap_info_64>::zeroed();
        let mut count = VM_REGION_SUBMAP_INFO_COUNT_64;
        let kr = unsafe { mach_vm_region_recurse(task, &mut addr, &mut size, &mut depth, info.as_mut_ptr() as vm_region_recurse_info_t, &mut count) };
        if kr == KERN_INVALID_ADDRESS {
            break; // past the last region
        }
        assert_eq!(kr, KERN_SUCCESS, "mach_vm_region_recurse: {kr}");
        let info = unsafe { info.assume_init() };
        if { info.is_submap } != 0 {
            depth += 1; // look inside (the dyld shared cache is a submap)
            continue;
        }
        let pages = { info.pages_resident } as u64;
        println!(
            "{:#018x} {:#018x} {:>9} {}/{} {:>8} {:>6}  {}",
            addr,
            addr + size,
            size / 1024,
            prot(info.protection),
            prot(info.max_protection),
            pages,
            depth,
            tag_name(info.user_tag)
        );
        regions += 1;
        resident += pages;
        addr += size;
    }
    println!("{regions} regions, {} KiB resident (page size {page})", resident * page / 1024);
}
