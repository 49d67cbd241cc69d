package pinmc.kernel;

/**
 * What a filesystem does with the range when it grants a file-range lease, after Ts'o: "if
 * the indicated pages don't have blocks allocated in the filesystem, that must be rectified
 * immediately. A copy-on-write filesystem might have to copy the whole range".
 */
public enum LeaseRangePolicy {
  /** Grants the lease and leaves holes and shared blocks for writeback to deal with. */
  NONE,
  /** Allocates blocks for the holes in the range at lease time. */
  ALLOCATE,
  /** Allocates the holes and copies shared (reflinked) blocks at lease time. */
  COPY_ON_WRITE
}
