package org.triax.model;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps glibc's malloc from handing libtorch's activation buffers back to the kernel after every
 * training step.
 *
 * <p>Why: libtorch allocates and frees tens of MB of activations per batch from the calling Java
 * thread, which glibc serves from a per-thread arena made of 64 MB heaps. glibc unmaps a heap as
 * soon as it empties, and its sliding mmap threshold sends some buffers straight to mmap, so the
 * next step touches fresh pages again: measured up to 260k page faults (about 1 GB zeroed) per
 * 20 training steps, making whole epochs 2-5x slower at random. Fixing the mmap threshold at its
 * 32 MB maximum, raising the trim threshold and padding each heap by a full heap keeps that memory
 * mapped; the steady state then runs with no page faults. The Python peer never hits this case
 * because its main thread uses glibc's main arena.
 *
 * <p>Set {@code -Dtriax.malloc.tune=false} to leave malloc as it is (for comparison runs).
 */
public final class NativeAllocator {
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's ceiling for M_MMAP_THRESHOLD on 64-bit (larger values are refused). */
    private static final int MMAP_THRESHOLD = 32 << 20;
    /** One arena heap: with this much top pad glibc never deletes an emptied heap. */
    private static final int TOP_PAD = 64 << 20;
    private static final int TRIM_THRESHOLD = 1 << 30;
    private static Boolean tuned; // guarded by the class lock

    private NativeAllocator() {
    }

    /**
     * Applies the settings once per process; true when glibc accepted them. A no-op (false) off
     * Linux, on a libc without {@code mallopt}, or when disabled by the system property.
     */
    public static synchronized boolean tune() {
        if (tuned == null) {
            tuned = Boolean.parseBoolean(System.getProperty("triax.malloc.tune", "true")) && apply();
        }
        return tuned;
    }

    private static boolean apply() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Function mallopt = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("mallopt");
            // mallopt returns 1 on success; the order matters: any explicit value also switches off
            // glibc's sliding thresholds, so all three are set together
            return mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD}) == 1
                    & mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD}) == 1
                    & mallopt.invokeInt(new Object[] {M_TOP_PAD, TOP_PAD}) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // musl or another libc: nothing to tune
        }
    }
}
