//! The program's allocator: mimalloc, set up to give freed memory back soon.
//!
//! A build makes and frees millions of small strings and tree nodes on every
//! core. With glibc's malloc, a fifth of a warm build's time went to `malloc`
//! and `free`. mimalloc as it comes made warm builds of 5,000 lessons a fifth
//! faster and cold ones a tenth, but it holds on to freed memory and keeps its
//! arenas committed, so a cold build's peak grew by a quarter (188 to 235 MiB).
//! Measured on that course (the peak memory of a cold build, and the median
//! time of a warm build after one edit, all runs side by side):
//!
//! | options | cold peak | warm |
//! |---|---|---|
//! | glibc's malloc | 188 MiB | 0.81 s |
//! | mimalloc as it comes | 235 MiB | 0.64 s |
//! | arenas committed as used, freed memory back at once | 167 MiB | 0.83 s |
//! | arenas committed as used, freed memory back after 100 ms | 180 MiB | 0.74 s |
//!
//! Giving memory back at once costs a system call per free page; after 100 ms,
//! most pages are used again first. The last row is what [`tune`] sets.
//!
//! The binary installs it (`#[global_allocator]` in `main.rs`) and calls
//! [`tune`] first thing; the library itself works with any allocator.

/// mimalloc's option numbers (`mi_option_e` in its `mimalloc.h`, version 3),
/// which its Rust crate does not name. A test checks their defaults, so a
/// mimalloc that numbers them otherwise fails it.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed memory back 100 ms after it is freed, and commit arenas only as
/// they are used.
/// Call it before any other thread starts (mimalloc's options are not
/// thread-safe to set).
pub fn tune() {
    // SAFETY: setting an option is a plain store in mimalloc's option table,
    // made here before the program starts a thread.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 100);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_numbers_are_mimallocs() {
        // mimalloc's options.c: arena_eager_commit defaults to 2 ("on
        // overcommit systems"), purge_delay to 1000 ms. No other option has
        // these defaults at these numbers.
        // SAFETY: reading an option.
        let (commit, delay) = unsafe {
            (
                libmimalloc_sys::mi_option_get(ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
            )
        };
        assert_eq!((commit, delay), (2, 1000));
    }
}
