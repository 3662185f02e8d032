//! Work split over scoped threads, so jobs borrow their inputs. A job whose thread cannot be
//! started, or whose thread fails, runs again on the calling thread: results never depend on
//! whether threads were available.

use std::thread::Builder;

/// `a()` on a thread of its own and `b()` here; both results.
pub(crate) fn join<A: Send, B>(a: impl Fn() -> A + Sync, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let handle = Builder::new()
            .name("quanze".to_owned())
            .spawn_scoped(scope, &a);
        let b = b();
        let a = handle.ok().and_then(|h| h.join().ok()).unwrap_or_else(&a);
        (a, b)
    })
}

/// `f` of every input, in input order: the first here, each other on a thread of its own.
pub(crate) fn map<I: Sync, T: Send>(inputs: &[I], f: impl Fn(&I) -> T + Sync) -> Vec<T> {
    let Some((first, others)) = inputs.split_first() else {
        return Vec::new();
    };
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = others
            .iter()
            .map(|input| {
                let spawned = Builder::new()
                    .name("quanze".to_owned())
                    .spawn_scoped(scope, move || f(input));
                (input, spawned)
            })
            .collect();
        let mut out = Vec::with_capacity(inputs.len());
        out.push(f(first));
        for (input, spawned) in handles {
            let done = spawned.ok().and_then(|h| h.join().ok());
            out.push(done.unwrap_or_else(|| f(input)));
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let inputs: Vec<u64> = (0..9).collect();
        assert_eq!(
            map(&inputs, |i| i * i),
            vec![0, 1, 4, 9, 16, 25, 36, 49, 64]
        );
        assert!(map(&[] as &[u64], |i| *i).is_empty());
        assert_eq!(join(|| "a", || 2), ("a", 2));
    }
}
