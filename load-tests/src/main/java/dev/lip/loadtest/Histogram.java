package dev.lip.loadtest;

/**
 * Log-linear latency histogram in nanoseconds (HdrHistogram-like, bounded memory).
 *
 * <p>Values below 256 ns are exact; above, each power-of-two range is split into 128 linear
 * sub-buckets, so a reported value is at most 1/128 (0.8 %) above the true one. Values up to
 * 2^40 ns (about 18 minutes) fit; larger ones are clamped. Not thread-safe: one per event loop,
 * {@link #add merged} at the end.
 */
final class Histogram {
  private static final int SUB_BITS = 7;
  private static final int MAX_SHIFT = 40 - SUB_BITS;
  private static final long MAX_VALUE = (1L << 40) - 1;
  private final long[] counts = new long[((MAX_SHIFT + 1) << SUB_BITS) + (1 << SUB_BITS)];
  private long total;
  private long max;
  private long sum;

  /** Records one value in nanoseconds. */
  void record(long nanos) {
    long v = Math.max(0, Math.min(nanos, MAX_VALUE));
    counts[index(v)]++;
    total++;
    sum += v;
    max = Math.max(max, v);
  }

  /** Adds all values recorded by {@code other} to this histogram. */
  void add(Histogram other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    max = Math.max(max, other.max);
  }

  long count() {
    return total;
  }

  long maxNanos() {
    return max;
  }

  double meanNanos() {
    return total == 0 ? 0 : (double) sum / total;
  }

  /** Value at {@code percentile} (0-100], as the upper bound of its bucket, capped at the max. */
  long percentileNanos(double percentile) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperBound(i), max);
      }
    }
    return max;
  }

  private static int index(long v) {
    int msb = 63 - Long.numberOfLeadingZeros(v | 1);
    int shift = Math.max(0, msb - SUB_BITS);
    return (shift << SUB_BITS) + (int) (v >>> shift);
  }

  private static long upperBound(int index) {
    if (index < (2 << SUB_BITS)) {
      return index;
    }
    int shift = (index >>> SUB_BITS) - 1;
    long sub = index - ((long) shift << SUB_BITS);
    return ((sub + 1) << shift) - 1;
  }
}
