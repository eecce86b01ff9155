//! The folder an index lives in: tantivy's [`MmapDirectory`] with two
//! changes for archives that are shared between users and kept on read-only
//! mounts, shared drives and backups.
//!
//! - Opened for reading ([`IndexDir::read_only`]), it never needs to write:
//!   tantivy takes its meta lock while loading the segment list, and that
//!   lock is a file it creates and opens for writing. Here the lock is taken
//!   on a file opened read-only when the folder cannot be written (`flock`
//!   works on such a file, so a writer elsewhere is still waited for), and
//!   skipped when the lock file does not exist and cannot be created (then
//!   nobody can write the folder through it either).
//! - Files tantivy replaces atomically (`meta.json`, `.managed.json`) are
//!   written through a temporary file of mode 0600; they get the mode of our
//!   own meta file instead (0644 under the usual umask), so a colleague whom
//!   the folder's permissions let read the index can open it.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// See the module docs.
#[derive(Clone, Debug)]
pub struct IndexDir {
    inner: MmapDirectory,
    path: PathBuf,
    read_only: bool,
}

/// Whether an I/O error says the folder cannot be written (permissions, a
/// read-only file system).
pub fn is_not_writable(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

impl IndexDir {
    /// For searching and listings: works on a folder it cannot write.
    pub fn read_only(path: &Path) -> anyhow::Result<IndexDir> {
        IndexDir::open(path, true)
    }

    /// For `vntext index`.
    pub fn writable(path: &Path) -> anyhow::Result<IndexDir> {
        IndexDir::open(path, false)
    }

    fn open(path: &Path, read_only: bool) -> anyhow::Result<IndexDir> {
        let inner = MmapDirectory::open(path)
            .map_err(|e| anyhow::anyhow!("opening index folder {}: {e}", path.display()))?;
        Ok(IndexDir {
            inner,
            path: path.to_path_buf(),
            read_only,
        })
    }

    /// The lock of a reader that cannot create or write the lock file.
    fn read_only_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        use fs4::fs_std::FileExt;
        match File::open(self.path.join(&lock.filepath)) {
            Ok(file) => {
                if lock.is_blocking {
                    file.lock_exclusive().map_err(LockError::wrap_io_error)?;
                } else if !file.try_lock_exclusive().map_err(|_| LockError::LockBusy)? {
                    return Err(LockError::LockBusy);
                }
                // Dropping the file releases the lock.
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(DirectoryLock::from(Box::new(()))),
            Err(e) => Err(LockError::wrap_io_error(e)),
        }
    }
}

impl Directory for IndexDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)?;
        #[cfg(unix)]
        {
            // The mode our meta file got from the umask (written with
            // std::fs::write), else the usual 0644.
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(self.path.join(super::META_FILE))
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0o644);
            std::fs::set_permissions(self.path.join(path), std::fs::Permissions::from_mode(mode))?;
        }
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e)) if self.read_only && is_not_writable(&e) => {
                self.read_only_lock(lock)
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
