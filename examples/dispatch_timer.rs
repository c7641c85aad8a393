//! A libdispatch timer source driven through the `_f` (function pointer)
//! API: it ticks every 100 ms on a serial queue; after five ticks it is
//! cancelled, and the cancel handler signals a semaphore, so the context
//! the handlers use is freed only when no handler can run any more.
//!
//! Run: `cargo run --example dispatch_timer`.

#[cfg(not(target_os = "macos"))]
fn main() {
    eprintln!("dispatch_timer: this example uses libdispatch; it runs on macOS only.");
}

#[cfg(target_os = "macos")]
mod imp {
    use darwin_sys::*;
    use std::ffi::c_void;
    use std::sync::atomic::{AtomicU32, Ordering};

    struct Ctx {
        ticks: AtomicU32,
        start: u64,
        done: dispatch_semaphore_t,
        cancelled: dispatch_semaphore_t,
    }

    extern "C" fn tick(ctx: *mut c_void) {
        let ctx = unsafe { &*(ctx as *const Ctx) };
        let n = ctx.ticks.fetch_add(1, Ordering::SeqCst) + 1;
        let mut tb = mach_timebase_info_data_t { numer: 0, denom: 0 };
        unsafe { mach_timebase_info(&mut tb) };
        let ms = (unsafe { mach_absolute_time() } - ctx.start) as u128 * tb.numer as u128 / tb.denom as u128 / 1_000_000;
        println!("tick {n} at {ms} ms");
        if n == 5 {
            unsafe { dispatch_semaphore_signal(ctx.done) };
        }
    }

    extern "C" fn cancelled(ctx: *mut c_void) {
        let ctx = unsafe { &*(ctx as *const Ctx) };
        println!("cancelled after {} ticks", ctx.ticks.load(Ordering::SeqCst));
        unsafe { dispatch_semaphore_signal(ctx.cancelled) };
    }

    pub fn main() {
        unsafe {
            let ctx = Box::new(Ctx {
                ticks: AtomicU32::new(0),
                start: mach_absolute_time(),
                done: dispatch_semaphore_create(0),
                cancelled: dispatch_semaphore_create(0),
            });
            let queue = dispatch_queue_create(c"darwin-sys.example.timer".as_ptr(), DISPATCH_QUEUE_SERIAL);
            let timer = dispatch_source_create(DISPATCH_SOURCE_TYPE_TIMER, 0, 0, queue);
            dispatch_set_context(timer.into(), &*ctx as *const Ctx as *mut c_void);
            dispatch_source_set_event_handler_f(timer, Some(tick));
            dispatch_source_set_cancel_handler_f(timer, Some(cancelled));
            let interval = 100_000_000; // ns
            dispatch_source_set_timer(timer, dispatch_time(DISPATCH_TIME_NOW, interval as i64), interval, 1_000_000);
            dispatch_resume(timer.into());
            assert_eq!(dispatch_semaphore_wait(ctx.done, dispatch_time(DISPATCH_TIME_NOW, 10_000_000_000)), 0, "5 ticks within 10 s");
            dispatch_source_cancel(timer);
            assert_eq!(dispatch_semaphore_wait(ctx.cancelled, DISPATCH_TIME_FOREVER), 0);
            dispatch_release(timer.into());
            dispatch_release(queue.into());
            dispatch_release(ctx.done.into());
            dispatch_release(ctx.cancelled.into());
        }
    }
}

#[cfg(target_os = "macos")]
fn main() {
    imp::main()
}
