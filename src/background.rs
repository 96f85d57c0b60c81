//! A value made on a thread of its own while the build goes on, and waited for
//! where it is first needed: the caches and the output manifest, read while the
//! templates compile and the content loads.

use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

pub struct Background<T> {
    value: OnceLock<T>,
    making: Mutex<Option<JoinHandle<T>>>,
}

impl<T: Send + 'static> Background<T> {
    /// Start making the value with `make` on a thread named `name`; made here
    /// and now when no thread can be had.
    pub fn start<F>(name: &str, make: F) -> Background<T>
    where
        F: FnOnce() -> T + Clone + Send + 'static,
    {
        match std::thread::Builder::new()
            .name(name.to_string())
            .spawn(make.clone())
        {
            Ok(handle) => Background {
                value: OnceLock::new(),
                making: Mutex::new(Some(handle)),
            },
            Err(_) => Background::ready(make()),
        }
    }

    /// A value already made.
    pub fn ready(value: T) -> Background<T> {
        Background {
            value: OnceLock::from(value),
            making: Mutex::new(None),
        }
    }

    /// The value, once made (a panic while making it goes on here).
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let handle = self.making.lock().unwrap_or_else(|e| e.into_inner()).take();
            handle
                .expect("a value is either made or being made")
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p))
        })
    }

    pub fn get_mut(&mut self) -> &mut T {
        let _ = self.get();
        self.value.get_mut().expect("made just above")
    }

    pub fn into_inner(mut self) -> T {
        let _ = self.get();
        self.value.take().expect("made just above")
    }
}

#[cfg(test)]
mod tests {
    use super::Background;

    #[test]
    fn a_value_made_in_the_background_is_the_one_made_at_once() {
        let made = Background::start("test", || (1..=10).sum::<u32>());
        assert_eq!(*made.get(), 55);
        assert_eq!(*made.get(), 55, "made once, then kept");
        let mut ready = Background::ready(String::from("a"));
        ready.get_mut().push('b');
        assert_eq!(ready.into_inner(), "ab");
    }

    #[test]
    fn a_panic_while_making_reaches_the_one_who_waits() {
        let made: Background<u32> = Background::start("test", || panic!("no value"));
        let waited = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| *made.get()));
        assert!(waited.is_err());
    }
}
