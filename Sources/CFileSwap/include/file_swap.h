#ifndef RXPIPE_FILE_SWAP_H
#define RXPIPE_FILE_SWAP_H

/// Atomically exchanges the directory entries `a` and `b` (both must exist, same filesystem).
/// Linux: renameat2(RENAME_EXCHANGE); macOS: renamex_np(RENAME_SWAP).
/// Returns 0, or -1 with errno set (EINVAL/ENOTSUP/ENOSYS when the filesystem cannot exchange).
int rx_rename_exchange(const char *a, const char *b);

#endif
