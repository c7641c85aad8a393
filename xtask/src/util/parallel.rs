//! Work on this machine's two cores: used by the targets check, the
//! per-OS probes and the sharing proof.

/// `f` over `items` on two threads (a cargo check or probe build is mostly
/// one rustc thread; this machine has two cores); results in `items`' order.
pub fn two_at_a_time<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let n = items.len();
    let queue = std::sync::Mutex::new(items.into_iter().enumerate());
    let done = std::sync::Mutex::new(Vec::with_capacity(n));
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some((i, item)) = queue.lock().unwrap().next() else { break };
                    let r = f(item);
                    done.lock().unwrap().push((i, r));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|x| x.0);
    done.into_iter().map(|x| x.1).collect()
}
