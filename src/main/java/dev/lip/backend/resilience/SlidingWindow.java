package dev.lip.backend.resilience;

/**
 * Amounts added over the last minute, kept in 100 ms slots so that memory stays fixed. The slots counted
 * at time {@code t} cover at least {@code [t - 60 s, t]} and at most 100 ms more, so a limit enforced
 * with {@link #waitMs} holds in every 60 s window and errs by at most 100 ms on the safe side.
 *
 * <p>Not thread-safe; the caller serialises access. Time must not go backwards between calls.
 */
final class SlidingWindow {
  static final long WINDOW_MS = 60_000;
  static final long SLOT_MS = 100;
  /** The slots of one window plus the current, partly elapsed one. */
  private static final int SLOTS = (int) (WINDOW_MS / SLOT_MS) + 1;

  private final long[] amounts = new long[SLOTS];
  /** The sum of {@link #amounts}. */
  private long total;
  /** The oldest slot still counted; older ones have been cleared. */
  private long oldest = Long.MIN_VALUE;

  /** The slot that time {@code ms} falls in. */
  static long slotOf(long ms) {
    return Math.floorDiv(ms, SLOT_MS);
  }

  /** Adds {@code amount} at time {@code now}. */
  void add(long now, long amount) {
    advance(now);
    amounts[index(slotOf(now))] += amount;
    total += amount;
  }

  /**
   * Takes back up to {@code amount} from the slot {@code slot}, if that slot is still counted at time
   * {@code now}.
   */
  void refund(long slot, long now, long amount) {
    advance(now);
    if (slot < oldest || slot > slotOf(now)) {
      return;
    }
    int i = index(slot);
    long taken = Math.min(amounts[i], amount);
    amounts[i] -= taken;
    total -= taken;
  }

  /** The sum of the amounts counted at time {@code now}. */
  long total(long now) {
    advance(now);
    return total;
  }

  /**
   * How long from {@code now} until {@code needed} more fits under {@code limit}, as the oldest slots fall
   * out of the window; 0 when it fits now.
   *
   * @throws IllegalArgumentException when {@code needed} exceeds {@code limit}, so that it never fits
   */
  long waitMs(long now, long limit, long needed) {
    if (needed > limit) {
      throw new IllegalArgumentException("needed " + needed + " exceeds the limit " + limit);
    }
    advance(now);
    long excess = total + needed - limit;
    for (long slot = oldest; excess > 0; slot++) {
      excess -= amounts[index(slot)];
      if (excess <= 0) {
        // a slot stops being counted once the window has moved a whole window past it
        return (slot + SLOTS) * SLOT_MS - now;
      }
    }
    return 0;
  }

  /** Clears the slots that fell out of the window by time {@code now}. */
  private void advance(long now) {
    long first = slotOf(now) - (SLOTS - 1);
    if (first <= oldest) {
      return;
    }
    for (long slot = Math.max(oldest, first - SLOTS); slot < first; slot++) {
      int i = index(slot);
      total -= amounts[i];
      amounts[i] = 0;
    }
    oldest = first;
  }

  private static int index(long slot) {
    return (int) Math.floorMod(slot, (long) SLOTS);
  }
}
